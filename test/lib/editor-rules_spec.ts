/**
 * The editors check the device and MAC-name lists with the runtime's own parsers, bundled into
 * resources/editor.js. Here: the bundle runs without Node.js (in an empty vm context, as in a
 * browser) and answers like the runtime on a table of entries, and the IPv6 check the parsers
 * use (written for the browser, which has no net.isIP) accepts exactly what Node.js accepts.
 */
import assert from "node:assert/strict";
import { isIP } from "node:net";
import { isIPv6 } from "../../nodes/lib/devices";
import { seededRng } from "../../tools/sim/dynamics";
import { bundle } from "../../tools/build-editor";
import { assertSameAsRuntime, loadEditorScript } from "../helpers/editor-checks";

describe("editor checks", () => {
    it("run from the bundle without Node.js and answer like the runtime", () => {
        assertSameAsRuntime(loadEditorScript(bundle()));
    });

    it("refuse to bundle a module that needs Node.js", () => {
        assert.throws(() => bundle("nodes/lib/snmp/session.js"), /requires "node:dgram".*Node\.js modules/);
    });

    it("accept an IPv6 address exactly when Node.js does (table and 40,000 generated strings)", () => {
        const table = [
            "::",
            "::1",
            "fe80::1%eth0",
            "fe80::1%",
            "fe80::1%e_t",
            "::ffff:1.2.3.4",
            "::ffff:01.2.3.4",
            "1::2::3",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7::",
            "1:2:3:4:5:6:1.2.3.4",
            "1.2.3.4::",
            ":1::",
            "1:::2",
            "12345::",
            "",
        ];
        const rng = seededRng(17);
        const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
        const generated: string[] = [];
        for (let i = 0; i < 20_000; i++) {
            let s = "";
            const length = Math.floor(rng() * 24);
            for (let j = 0; j < length; j++) s += pick([..."0123456789abcdefABCDEFg:.%-_ "]);
            generated.push(s);
        }
        const groups = ["0", "1", "ff", "FFFF", "12345", "abcd", "g1", "", "0000"];
        const v4 = ["1.2.3.4", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3"];
        const zones = ["", "", "%eth0", "%", "%e_t", "%a.b:c-d", "%%"];
        for (let i = 0; i < 20_000; i++) {
            const parts = Array.from({ length: Math.floor(rng() * 10) }, () => pick(groups));
            if (rng() < 0.3) parts.push(pick(v4));
            const at = Math.floor(rng() * (parts.length + 1));
            const text =
                rng() < 0.6
                    ? `${parts.slice(0, at).join(":")}::${parts.slice(at).join(":")}`
                    : parts.join(":");
            generated.push(text + pick(zones));
        }
        let valid = 0;
        for (const s of [...table, ...generated]) {
            const node = isIP(s) === 6;
            if (node) valid++;
            assert.equal(isIPv6(s), node, JSON.stringify(s));
        }
        assert.ok(valid > 1000, `enough valid addresses among them (${valid})`);
    });
});
