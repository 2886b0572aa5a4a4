/**
 * classifyError's rule table, one case per rule: the errors are net-snmp's own classes (as its
 * session raises them) and Node's system errors, and each must come out with the code and the
 * advice a user reads in the Catch message.
 */
import assert from "node:assert/strict";
import snmp from "net-snmp";
import { SnmpError } from "../../nodes/lib/snmp/errors";
import { classifyError, ERROR_RULES, errorRuleFor, type ErrorContext } from "../../nodes/lib/snmp/session";

/** net-snmp's error classes that @types/net-snmp leaves out. */
const untyped = snmp as unknown as {
    RequestTimedOutError: new (message: string) => Error;
};

const CTX: ErrorContext = {
    host: "printer.example",
    port: 1161,
    version: "2c",
    timeout: 2000,
    retries: 1,
    sawBadMessage: false,
};

function system(code: string, message = `${code} test`): Error {
    return Object.assign(new Error(message), { code });
}

interface Case {
    rule: string;
    err: unknown;
    ctx?: Partial<ErrorContext>;
    code: string;
    message: RegExp;
    status?: number;
    oid?: string;
}

const CASES: Case[] = [
    {
        rule: "timed out after an undecodable answer",
        err: new untyped.RequestTimedOutError("Request timed out"),
        ctx: { sawBadMessage: true },
        code: "malformed",
        message: /^printer\.example:1161 answered, but with a response that could not be decoded$/,
    },
    {
        rule: "timed out",
        err: new untyped.RequestTimedOutError("Request timed out"),
        code: "timeout",
        message: /^no answer from printer\.example:1161 in 4 s \(2 tries\): .*wrong community$/,
    },
    {
        rule: "timed out",
        err: new untyped.RequestTimedOutError("Request timed out"),
        ctx: { version: "3", retries: 0 },
        code: "timeout",
        message: /in 2 s \(1 try\): .*wrong v3 authentication or privacy key$/,
    },
    {
        rule: "agent says tooBig",
        err: new snmp.RequestFailedError("TooBig", 1),
        code: "tooBig",
        message: /^printer\.example:1161 says the response is too big \(tooBig\)$/,
        status: 1,
    },
    {
        rule: "agent error status",
        err: new snmp.RequestFailedError("GeneralError: 1.3.6.1.2.1.43.11.1.1.9.1.1", 5),
        code: "agent",
        message: /^printer\.example:1161 refused the request: GeneralError$/,
        status: 5,
        oid: "1.3.6.1.2.1.43.11.1.1.9.1.1",
    },
    {
        rule: "SNMPv3 authentication failed",
        err: new snmp.ResponseInvalidError("Unknown User Name", snmp.ResponseInvalidCode.EAuthFailure),
        code: "auth",
        message: /authentication failed at printer\.example:1161: unknown user name: check the v3 user$/,
    },
    {
        rule: "SNMPv3 authentication failed",
        err: new snmp.ResponseInvalidError(
            "Authentication digest 0a0b does not match calculated digest 0c0d",
            snmp.ResponseInvalidCode.EAuthFailure,
        ),
        code: "auth",
        message: /the answer's digest does not match: check the authentication key and protocol$/,
    },
    {
        rule: "SNMPv3 response not decryptable",
        err: new snmp.ResponseInvalidError("bad decrypt", snmp.ResponseInvalidCode.ECouldNotDecrypt),
        code: "auth",
        message: /could not be decrypted: check the privacy key and protocol$/,
    },
    {
        rule: "SNMPv3 response outside the time window",
        err: new snmp.ResponseInvalidError("Not in time window", 14),
        code: "auth",
        message: /^SNMPv3 response from printer\.example:1161 was outside the time window$/,
    },
    {
        rule: "answer with another community",
        // net-snmp quotes the community: the message and the cause must not.
        err: new snmp.ResponseInvalidError(
            "Community 'secret-one' in response does not match community 'secret-two' in request",
            snmp.ResponseInvalidCode.ECommunityNoMatch,
        ),
        code: "malformed",
        message: /answered with a different community than was asked$/,
    },
    {
        rule: "answer with another SNMP version",
        err: new snmp.ResponseInvalidError("Version in response", snmp.ResponseInvalidCode.EVersionNoMatch),
        code: "malformed",
        message: /answered with a different SNMP version than was asked$/,
    },
    {
        rule: "invalid response",
        err: new snmp.ResponseInvalidError("OID mismatch", snmp.ResponseInvalidCode.EReqResOidNoMatch),
        code: "malformed",
        message: /^printer\.example:1161 sent an invalid response$/,
    },
    {
        rule: "crypto disabled in OpenSSL",
        err: system("ERR_OSSL_EVP_UNSUPPORTED", "error:0308010C:digital envelope routines::unsupported"),
        ctx: { version: "3", legacyCrypto: "DES" },
        code: "crypto",
        message: /has DES disabled; switch the device to AES and SHA, or .*--openssl-legacy-provider$/,
    },
    {
        rule: "host name does not resolve",
        err: system("EAI_AGAIN"),
        code: "dns",
        message: /^cannot resolve host name "printer\.example" \(EAI_AGAIN\)$/,
    },
    {
        rule: "too many open files",
        err: system("EMFILE"),
        code: "error",
        message: /too many open files \(EMFILE\) .*ulimit -n/,
    },
    {
        rule: "network error",
        err: system("ECONNREFUSED"),
        code: "unreachable",
        message: /^network error talking to printer\.example:1161: ECONNREFUSED$/,
    },
    {
        rule: "undecodable answer",
        err: new RangeError("Index out of range"),
        code: "malformed",
        message: /^printer\.example:1161 sent a response that could not be decoded$/,
    },
    {
        rule: "undecodable answer",
        err: Object.assign(new Error("invalid varbind"), { name: "InvalidVarbindError" }),
        code: "malformed",
        message: /could not be decoded$/,
    },
    {
        rule: "anything else",
        // net-snmp's agent side raises ProcessingError, quoting what it received.
        err: Object.assign(new Error("Community 'secret-three' not found"), { name: "ProcessingError" }),
        code: "error",
        message: /^SNMP error with printer\.example:1161: ProcessingError$/,
    },
    {
        rule: "anything else",
        err: "a thrown string",
        code: "error",
        message: /^SNMP error with printer\.example:1161: a thrown string$/,
    },
];

describe("classifyError rules", () => {
    for (const c of CASES) {
        it(`${c.rule}: ${c.code} "${c.message.source.slice(0, 60)}"`, () => {
            const ctx = { ...CTX, ...c.ctx };
            const e = classifyError(c.err, ctx);
            assert.ok(e instanceof SnmpError);
            assert.equal(e.code, c.code);
            assert.match(e.message, c.message);
            assert.equal(e.host, "printer.example");
            assert.equal(e.status, c.status);
            assert.equal(e.oid, c.oid);
            // The rule named is the one that decided (an earlier rule must not shadow it).
            assert.equal(errorRuleFor(c.err, ctx).name, c.rule);
            assert.doesNotMatch(JSON.stringify({ m: e.message, c: String(e.cause) }), /secret/);
        });
    }

    it("has a case for every rule", () => {
        const covered = new Set(CASES.map((c) => c.rule));
        assert.deepEqual(
            ERROR_RULES.map((r) => r.name).filter((n) => !covered.has(n)),
            [],
        );
    });

    it("passes an SnmpError through unchanged", () => {
        const original = new SnmpError("notPrinter", "not a printer", { host: "x" });
        assert.equal(classifyError(original, CTX), original);
    });

    it("keeps only the class and codes of net-snmp's errors as the cause", () => {
        const e = classifyError(
            new snmp.ResponseInvalidError("Community 'secret' mismatch", 10, { user: { authKey: "k" } }),
            CTX,
        );
        assert.ok(e.cause instanceof Error);
        assert.equal(e.cause.message, "net-snmp ResponseInvalidError (code 10)");
        assert.equal((e.cause as { info?: unknown }).info, undefined);
    });
});
