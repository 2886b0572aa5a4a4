import assert from "node:assert/strict";
import { createCipheriv } from "node:crypto";
import { describeSettings, normalizeSettings } from "../../nodes/lib/snmp/settings";
import { checkLegacyCrypto } from "../../nodes/lib/snmp/crypto-check";

describe("SNMP settings", () => {
    it("accepts the spellings users and flows write for versions and protocols", () => {
        const cases: [Record<string, unknown>, Partial<Record<string, string>>][] = [
            [{ version: "v2c" }, { version: "2c" }],
            [{ version: 1 }, { version: "1" }],
            [
                {
                    version: "3",
                    user: "u",
                    authKey: "12345678",
                    privKey: "12345678",
                    authProtocol: "SHA-512",
                    privProtocol: "AES-128",
                },
                { authProtocol: "sha512", privProtocol: "aes" },
            ],
            [
                {
                    version: "3",
                    user: "u",
                    authKey: "12345678",
                    privKey: "12345678",
                    authProtocol: "sha",
                    privProtocol: "aes256r",
                },
                { authProtocol: "sha", privProtocol: "aes256r" },
            ],
            [
                {
                    version: "3",
                    user: "u",
                    authKey: "12345678",
                    privKey: "12345678",
                    authProtocol: "MD5",
                    privProtocol: "DES",
                },
                { authProtocol: "md5", privProtocol: "des" },
            ],
            [{ version: "3", user: "u", securityLevel: "noAuthNoPriv" }, { securityLevel: "noAuthNoPriv" }],
        ];
        for (const [input, expected] of cases) {
            const s = normalizeSettings(input) as unknown as Record<string, unknown>;
            for (const [k, v] of Object.entries(expected))
                assert.equal(s[k], v, `${JSON.stringify(input)} → ${k}`);
        }
    });

    it("rejects bad values with an error naming the field", () => {
        const bad: [Record<string, unknown>, RegExp][] = [
            [{ version: "4" }, /version/],
            [{ port: 0 }, /port/],
            [{ port: "abc" }, /port/],
            [{ timeout: 10 }, /timeout/],
            [{ retries: -1 }, /retries/],
            [{ maxRepetitions: 0 }, /maxRepetitions/],
            [{ version: "3" }, /user/],
            [{ version: "3", user: "u", authKey: "short" }, /authKey/],
            [{ version: "3", user: "u", authKey: "12345678", privKey: "1234567" }, /privKey/],
            [
                { version: "3", user: "u", authKey: "12345678", privKey: "12345678", privProtocol: "3DES" },
                /privProtocol/,
            ],
        ];
        for (const [input, re] of bad) {
            assert.throws(
                () => normalizeSettings(input),
                (e: { code?: string; message: string }) => {
                    return e.code === "config" && re.test(e.message);
                },
                JSON.stringify(input),
            );
        }
    });

    it("describes settings without any secret", () => {
        const s = normalizeSettings({
            version: "3",
            user: "monitor",
            authKey: "authkey-secret",
            privKey: "privkey-secret",
            context: "Jetdirect",
        });
        const text = describeSettings(s);
        assert.match(text, /SNMPv3 user "monitor", authPriv, SHA-256, AES-128, context "Jetdirect"/);
        assert.ok(!text.includes("secret"));
        assert.equal(describeSettings(normalizeSettings({ community: "private-secret" })), "SNMPv2c");
    });

    it("warns at deploy when this Node.js cannot do DES, and says how to fix it", () => {
        const s = normalizeSettings({
            version: "3",
            user: "u",
            authKey: "12345678",
            privKey: "12345678",
            privProtocol: "DES",
        });
        const warning = checkLegacyCrypto(s);
        let desWorks = true;
        try {
            createCipheriv("des-cbc", Buffer.alloc(8), Buffer.alloc(8));
        } catch {
            desWorks = false;
        }
        if (desWorks) assert.equal(warning, undefined);
        else assert.match(warning ?? "", /DES .*--openssl-legacy-provider/);
        assert.equal(checkLegacyCrypto(normalizeSettings({ version: "2c" })), undefined);
    });
});
