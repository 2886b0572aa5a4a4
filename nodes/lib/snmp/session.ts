/**
 * The one adapter between this package and net-snmp. Nothing else imports net-snmp.
 *
 * It exists to make net-snmp safe inside a long-running Node-RED:
 * - every socket gets an error listener and every incoming datagram is handled inside try/catch
 *   (net-snmp throws on some malformed responses, and an uncaught exception stops Node-RED);
 * - datagrams that do not come from the device's address and port are dropped;
 * - every request net-snmp sends has a watchdog, because net-snmp never calls back after some
 *   socket errors (its Session.onError emits the error object as an event name);
 * - errors are classified into {@link SnmpError} codes, with what to try in the message;
 * - Counter64 values (raw Buffers in net-snmp) become numbers or bigints;
 * - only GET, GETNEXT and GETBULK exist here: this package never sends SET;
 * - SNMPv1/v2c requests are sent, timed and retried here: written by encode.ts, answered through
 *   decode.ts, the same bytes and values as net-snmp's (see {@link SnmpSession.receive}); an
 *   answer either cannot take whole sends the session's requests back through net-snmp, which
 *   also does everything SNMPv3.
 *
 * It also counts sockets, datagrams and bytes, for tests (no leaks) and the benchmark.
 */
import dgram from "node:dgram";
import { randomBytes } from "node:crypto";
import dns from "node:dns";
import net from "node:net";
import snmp from "net-snmp";
import { SnmpError, type SnmpErrorCode } from "./errors";
import { abortError, type BulkResponse, type SnmpTransport, type SnmpVersion } from "./query";
import { describeSettings, type SessionSettings } from "./settings";
import { inTurn, inTurnNow } from "./turns";
import { performance } from "node:perf_hooks";
import { keepShape } from "../shapes";
import { encodeCommunityRequest, encodeRequest, type CommunityRequest } from "./encode";
import { decodeCommunityResponse, DecodedVarbind, GET_RESPONSE, type DecodedResponse } from "./decode";
import { VarType, type Varbind, type VarValue } from "./varbind";

// ---------------------------------------------------------------------------------------------
// Socket accounting

let openSockets = 0;

/** UDP sockets opened by this package and not yet closed (process-wide). */
export function openSocketCount(): number {
    return openSockets;
}

export interface TrafficCounters {
    datagramsOut: number;
    datagramsIn: number;
    bytesOut: number;
    bytesIn: number;
    /** Datagrams dropped: wrong source, or a response that could not be decoded. */
    dropped: number;
    /** Requests this session sent itself (SNMPv1/v2c), not counting retries. */
    sentHere: number;
    /** Of those, asked again through net-snmp (an answer that could not be taken whole here). */
    sentBack: number;
}

function newCounters(): TrafficCounters {
    return { datagramsOut: 0, datagramsIn: 0, bytesOut: 0, bytesIn: 0, dropped: 0, sentHere: 0, sentBack: 0 };
}

type MessageListener = (msg: Buffer, rinfo: dgram.RemoteInfo) => void;

/**
 * A dgram module for one session: the socket it creates counts traffic, drops foreign datagrams
 * and hands the rest to the session (which reads them or lets net-snmp's handler do it) inside
 * try/catch.
 */
function guardedDgram(session: {
    address: string;
    port: number;
    counters: TrafficCounters;
    receive(msg: Buffer, rinfo: dgram.RemoteInfo, netSnmp: MessageListener): void;
    onBadMessage(e: unknown): void;
    onSocketError(e: Error): void;
}): {
    createSocket(type: dgram.SocketType): dgram.Socket;
} {
    return {
        createSocket(type: dgram.SocketType): dgram.Socket {
            const socket = dgram.createSocket(type);
            openSockets++;
            let closed = false;
            socket.once("close", () => {
                if (!closed) {
                    closed = true;
                    openSockets--;
                }
            });
            socket.on("error", (err) => session.onSocketError(err));
            const originalOn = socket.on.bind(socket) as (
                event: string,
                listener: (...args: unknown[]) => void,
            ) => dgram.Socket;
            (socket as unknown as { on: typeof originalOn }).on = (event, listener) => {
                if (event !== "message") return originalOn(event, listener);
                const inner = listener as unknown as MessageListener;
                const guarded: MessageListener = (msg, rinfo) => {
                    session.counters.datagramsIn++;
                    session.counters.bytesIn += msg.length;
                    if (rinfo.port !== session.port || rinfo.address !== session.address) {
                        session.counters.dropped++;
                        return;
                    }
                    // Parsed in a coming turn (see turns.ts): Node.js reads every datagram that
                    // is ready in one pass, and hundreds of answers parsed there block the loop.
                    inTurn(() => {
                        try {
                            session.receive(msg, rinfo, inner);
                        } catch (err) {
                            session.counters.dropped++;
                            session.onBadMessage(err);
                        }
                    });
                };
                return originalOn("message", guarded as unknown as (...args: unknown[]) => void);
            };
            const originalSend = socket.send.bind(socket) as (...args: unknown[]) => void;
            (socket as unknown as { send: (...args: unknown[]) => void }).send = (...args: unknown[]) => {
                const first = args[0];
                // A send before the socket is bound comes back here once it is, with the buffer
                // in a list: that one was counted already.
                if (Buffer.isBuffer(first)) {
                    session.counters.datagramsOut++;
                    session.counters.bytesOut += typeof args[2] === "number" ? args[2] : first.length;
                }
                originalSend(...args);
            };
            return socket;
        },
    };
}

// ---------------------------------------------------------------------------------------------
// Values

function normalizeValue(type: number, value: unknown): VarValue {
    if (type === VarType.Counter64 && Buffer.isBuffer(value)) {
        let n = 0n;
        for (const byte of value) n = (n << 8n) | BigInt(byte);
        // Counter64 is unsigned; an encoder may add a leading zero byte, never a sign.
        return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
    }
    if (value === undefined) return null;
    return value as VarValue;
}

/** The JavaScript type net-snmp gives each SNMP type; anything else means the BER was damaged. */
const EXPECTED: Record<number, string> = {
    [VarType.Boolean]: "boolean",
    [VarType.Integer]: "number",
    [VarType.OctetString]: "buffer",
    [VarType.Null]: "null",
    [VarType.OID]: "string",
    [VarType.IpAddress]: "string",
    [VarType.Counter]: "number",
    [VarType.Gauge]: "number",
    [VarType.TimeTicks]: "number",
    [VarType.Opaque]: "buffer",
    [VarType.Counter64]: "buffer",
    [VarType.NoSuchObject]: "null",
    [VarType.NoSuchInstance]: "null",
    [VarType.EndOfMibView]: "null",
};

function kindOf(value: unknown): string {
    if (value === null || value === undefined) return "null";
    if (Buffer.isBuffer(value)) return "buffer";
    return typeof value;
}

/**
 * net-snmp decodes some damaged responses without complaint (a truncated string becomes null);
 * such a varbind is refused here so that a damaged answer is never read as data.
 */
function toVarbind(vb: snmp.Varbind | DecodedVarbind): Varbind {
    // Read by decode.ts: already checked and in this package's form.
    if (vb instanceof DecodedVarbind) return vb;
    const type = Number(vb.type);
    const expected = EXPECTED[type];
    if (expected !== undefined && expected !== kindOf(vb.value)) {
        throw Object.assign(new Error(`invalid varbind for ${String(vb.oid)} (type ${type})`), {
            name: "InvalidVarbindError",
        });
    }
    return { oid: String(vb.oid), type, value: normalizeValue(type, vb.value) };
}

/** Convert a response's varbinds, or report why they cannot be trusted. */
function convert<T>(cb: (err: unknown, value?: T) => void, err: unknown, make: () => T): void {
    if (err) return cb(err);
    let value: T;
    try {
        value = make();
    } catch (e) {
        return cb(e);
    }
    cb(null, value);
}

// ---------------------------------------------------------------------------------------------
// Errors

const USM_MESSAGES: Record<string, string> = {
    "Unknown User Name": "unknown user name: check the v3 user",
    "Wrong Digest (incorrect password, community or key)":
        "wrong digest: check the authentication key and protocol",
    "Unsupported Security Level": "security level not supported for this user: check the security level",
    "Not In Time Window": "message outside the time window: the device's engine time changed, try again",
    "Decryption Error": "decryption error: check the privacy key and protocol",
    "Unknown Engine ID": "unknown engine ID",
};

interface ErrorLike {
    name?: string;
    message?: string;
    code?: string | number;
    status?: number;
}

const NET_SNMP_ERRORS = new Set([
    "ResponseInvalidError",
    "RequestFailedError",
    "RequestTimedOutError",
    "RequestInvalidError",
    "ProcessingError",
]);

/**
 * What an error keeps as its cause. net-snmp's errors can quote the community ("Community 'x' in
 * request does not match ...") or carry the v3 user with its keys (ResponseInvalidError.info),
 * and Node-RED copies an error's cause into the Catch message: keep only their name and codes.
 */
function safeCause(err: unknown): unknown {
    const e = err as ErrorLike | null;
    if (typeof e !== "object" || e === null || e.name === undefined || !NET_SNMP_ERRORS.has(e.name)) {
        return err;
    }
    const codes = [
        typeof e.code === "number" ? `code ${e.code}` : "",
        typeof e.status === "number" ? `status ${e.status}` : "",
    ].filter((x) => x !== "");
    const clean = new Error(`net-snmp ${e.name}${codes.length > 0 ? ` (${codes.join(", ")})` : ""}`);
    clean.name = e.name;
    return clean;
}

/** What {@link classifyError} knows about the request that failed (never a secret). */
export interface ErrorContext {
    host: string;
    port: number;
    version: SnmpVersion;
    timeout: number;
    retries: number;
    /** A datagram from the device was dropped as undecodable during this request. */
    sawBadMessage: boolean;
    /** The v3 protocols this Node.js may lack ("DES", "MD5"), to name them in crypto errors. */
    legacyCrypto?: string;
}

/** The parts of a thrown value the rules look at. */
interface ErrorFacts {
    /** The error class: net-snmp's names (RequestTimedOutError, ...) or Node's (Error, RangeError). */
    name: string;
    message: string;
    /** Node.js and OpenSSL error codes ("ENOTFOUND", "ERR_OSSL_EVP_UNSUPPORTED"). */
    osCode: string | undefined;
    /** net-snmp's ResponseInvalidCode. */
    responseCode: number | undefined;
    /** The SNMP error-status of a RequestFailedError (RFC 3416). */
    status: number | undefined;
}

function factsOf(err: unknown): ErrorFacts {
    const e = (typeof err === "object" && err !== null ? err : { message: String(err) }) as ErrorLike;
    return {
        // Damaged answers can make net-snmp build errors whose fields are not strings.
        name: typeof e.name === "string" ? e.name : "",
        message: typeof e.message === "string" ? e.message : String(e.message ?? err),
        osCode: typeof e.code === "string" ? e.code : undefined,
        responseCode: typeof e.code === "number" ? e.code : undefined,
        status: typeof e.status === "number" ? e.status : undefined,
    };
}

/** One class of failure: when it applies, its code, and the message that says what to try. */
export interface ErrorRule {
    /** What the rule recognises (for tests and readers). */
    name: string;
    matches(f: ErrorFacts, ctx: ErrorContext): boolean;
    code: SnmpErrorCode;
    /** `where` is host:port. */
    message(f: ErrorFacts, ctx: ErrorContext, where: string): string;
    /** The error-status and the OID an agent named, for agent errors. */
    details?(f: ErrorFacts): { status?: number; oid?: string };
}

const RESPONSE = snmp.ResponseInvalidCode;
/** ENotInTimeWindow, missing from @types/net-snmp. */
const NOT_IN_TIME_WINDOW = 14;

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL"]);
const FILE_LIMIT_CODES = new Set(["EMFILE", "ENFILE"]);
const NETWORK_CODES = new Set([
    "ENETUNREACH",
    "EHOSTUNREACH",
    "ECONNREFUSED",
    "EADDRNOTAVAIL",
    "EHOSTDOWN",
    "ENETDOWN",
    "EPERM",
    "EACCES",
]);

const isTimeout = (f: ErrorFacts): boolean => f.name === "RequestTimedOutError";
const isAgentError = (f: ErrorFacts): boolean => f.name === "RequestFailedError";
const isInvalidResponse = (f: ErrorFacts): boolean => f.name === "ResponseInvalidError";
const invalidResponse =
    (code: number) =>
    (f: ErrorFacts): boolean =>
        isInvalidResponse(f) && f.responseCode === code;

/** net-snmp's agent errors read "<statusName>: <oid>" when the agent named an OID. */
function agentDetails(f: ErrorFacts): { status?: number; oid?: string } {
    return { status: f.status, oid: /:\s*([\d.]+)\s*$/.exec(f.message)?.[1] };
}

/** Tried in order; the first that matches classifies the error. */
export const ERROR_RULES: readonly ErrorRule[] = [
    {
        name: "timed out after an undecodable answer",
        matches: (f, ctx) => isTimeout(f) && ctx.sawBadMessage,
        code: "malformed",
        message: (_f, _ctx, where) => `${where} answered, but with a response that could not be decoded`,
    },
    {
        name: "timed out",
        matches: isTimeout,
        code: "timeout",
        message: (_f, ctx, where) => {
            const seconds = (ctx.timeout * (ctx.retries + 1)) / 1000;
            const tries = `${ctx.retries + 1} ${ctx.retries === 0 ? "try" : "tries"}`;
            const likely =
                ctx.version === "3"
                    ? "unreachable, SNMP off, or a wrong v3 authentication or privacy key"
                    : "unreachable, SNMP off, or wrong community";
            return `no answer from ${where} in ${seconds} s (${tries}): ${likely}`;
        },
    },
    {
        name: "agent says tooBig",
        matches: (f) => isAgentError(f) && f.status === 1,
        code: "tooBig",
        message: (_f, _ctx, where) => `${where} says the response is too big (tooBig)`,
        details: agentDetails,
    },
    {
        name: "agent error status",
        matches: isAgentError,
        code: "agent",
        message: (f, _ctx, where) => `${where} refused the request: ${f.message.split(":")[0]?.trim()}`,
        details: agentDetails,
    },
    {
        name: "SNMPv3 authentication failed",
        matches: invalidResponse(RESPONSE.EAuthFailure),
        code: "auth",
        message: (f, _ctx, where) => {
            // A digest that does not match in the answer itself: net-snmp's text quotes digests.
            const why =
                USM_MESSAGES[f.message] ??
                (f.message.startsWith("Authentication digest")
                    ? "the answer's digest does not match: check the authentication key and protocol"
                    : "check the user, keys and protocols");
            return `SNMPv3 authentication failed at ${where}: ${why}`;
        },
    },
    {
        name: "SNMPv3 response not decryptable",
        matches: invalidResponse(RESPONSE.ECouldNotDecrypt),
        code: "auth",
        message: (_f, _ctx, where) =>
            `SNMPv3 response from ${where} could not be decrypted: check the privacy key and protocol`,
    },
    {
        name: "SNMPv3 response outside the time window",
        matches: invalidResponse(NOT_IN_TIME_WINDOW),
        code: "auth",
        message: (_f, _ctx, where) => `SNMPv3 response from ${where} was outside the time window`,
    },
    {
        name: "answer with another community",
        matches: invalidResponse(RESPONSE.ECommunityNoMatch),
        code: "malformed",
        message: (_f, _ctx, where) => `${where} answered with a different community than was asked`,
    },
    {
        name: "answer with another SNMP version",
        matches: invalidResponse(RESPONSE.EVersionNoMatch),
        code: "malformed",
        message: (_f, _ctx, where) => `${where} answered with a different SNMP version than was asked`,
    },
    {
        name: "invalid response",
        matches: isInvalidResponse,
        code: "malformed",
        message: (_f, _ctx, where) => `${where} sent an invalid response`,
    },
    {
        name: "crypto disabled in OpenSSL",
        matches: (f) =>
            f.osCode === "ERR_OSSL_EVP_UNSUPPORTED" ||
            /unsupported|digital envelope routines/i.test(f.message),
        code: "crypto",
        message: (_f, ctx, where) =>
            `SNMPv3 crypto failed for ${where}: this Node.js (OpenSSL ${process.versions.openssl}) ` +
            `has ${ctx.legacyCrypto ?? "the chosen protocol"} disabled; switch the device to AES and SHA, ` +
            "or start Node-RED with NODE_OPTIONS=--openssl-legacy-provider",
    },
    {
        name: "host name does not resolve",
        matches: (f) => f.osCode !== undefined && DNS_CODES.has(f.osCode),
        code: "dns",
        message: (f, ctx) => `cannot resolve host name "${ctx.host}" (${f.osCode})`,
    },
    {
        name: "too many open files",
        matches: (f) => f.osCode !== undefined && FILE_LIMIT_CODES.has(f.osCode),
        code: "error",
        message: (f, _ctx, where) =>
            `cannot open a UDP socket for ${where}: too many open files (${f.osCode}) in this Node-RED process; ` +
            "close what holds them or raise its open-file limit (ulimit -n)",
    },
    {
        name: "network error",
        matches: (f) => f.osCode !== undefined && NETWORK_CODES.has(f.osCode),
        code: "unreachable",
        message: (f, _ctx, where) => `network error talking to ${where}: ${f.osCode}`,
    },
    {
        name: "undecodable answer",
        matches: (f) =>
            f.name === "InvalidVarbindError" ||
            /asn1|ber|invalid|unexpected|out of range|RangeError/i.test(`${f.name} ${f.message}`),
        code: "malformed",
        message: (_f, _ctx, where) => `${where} sent a response that could not be decoded`,
    },
    {
        name: "anything else",
        matches: () => true,
        code: "error",
        // net-snmp's own messages may quote the community: name the class only.
        message: (f, _ctx, where) =>
            `SNMP error with ${where}: ${NET_SNMP_ERRORS.has(f.name) ? f.name : f.message}`,
    },
];

/** The rule that classifies an error: the first that matches (the last matches everything). */
export function errorRuleFor(err: unknown, ctx: ErrorContext): ErrorRule {
    const facts = factsOf(err);
    return ERROR_RULES.find((r) => r.matches(facts, ctx)) as ErrorRule;
}

/** Map whatever net-snmp or the OS threw into an {@link SnmpError}. */
export function classifyError(err: unknown, ctx: ErrorContext): SnmpError {
    if (err instanceof SnmpError) return err;
    const facts = factsOf(err);
    const rule = errorRuleFor(err, ctx);
    return new SnmpError(rule.code, rule.message(facts, ctx, `${ctx.host}:${ctx.port}`), {
        ...rule.details?.(facts),
        host: ctx.host,
        cause: safeCause(err),
    });
}

// ---------------------------------------------------------------------------------------------
// Sessions

/**
 * Resolves a host name. `signal` aborts when the lookup is no longer wanted (the pool closed): a
 * lookup that can be cancelled should stop then.
 */
export type Lookup = (host: string, signal?: AbortSignal) => Promise<{ address: string; family: number }>;

/** The system resolver (getaddrinfo: hosts file, DNS, mDNS as the OS is set up); it cannot be cancelled. */
const defaultLookup: Lookup = (host) => dns.promises.lookup(host);

/** One device reached with one set of settings: a UDP socket and its pending requests. */
/**
 * Let a community session's requests be encoded by encode.ts (the same bytes, with each OID's
 * kept between polls). net-snmp sends every request through the session's `send`, which writes
 * the message's `buffer` when it has none: this session's `send` fills it first. Only this
 * session is changed, never net-snmp itself; a message encode.ts does not write goes as before.
 */
function writeRequestsFaster(session: snmp.Session): void {
    const inner = session as unknown as { send: (this: unknown, req: unknown, noWait?: boolean) => unknown };
    const send = inner.send;
    inner.send = function (this: unknown, req: unknown, noWait?: boolean): unknown {
        const message = (req as { message?: (CommunityRequest & { buffer?: Buffer }) | undefined }).message;
        if (message !== undefined && message.buffer === undefined) {
            const bytes = encodeCommunityRequest(message);
            if (bytes !== undefined) message.buffer = bytes;
        }
        return send.call(this, req, noWait);
    };
}

/** The parts of net-snmp's session and request objects an answer read by decode.ts goes to. */
interface PendingRequests {
    reqs?: Record<number, PendingRequest | undefined>;
    unregisterRequest?: (id: number) => unknown;
}
interface PendingRequest {
    message?: {
        version?: unknown;
        community?: unknown;
        pdu?: { type?: unknown; varbinds?: unknown; options?: { nonRepeaters?: unknown } };
    };
    onResponse?: (req: PendingRequest, message: unknown) => void;
    responseCb?: (err: unknown, varbinds?: unknown) => void;
}

/** A GETBULK answer read by decode.ts, already grouped the way {@link SnmpSession.getBulk} gives it. */
class DecodedBulk {
    constructor(readonly response: BulkResponse) {}
}

keepShape(new DecodedBulk({ nonRepeaters: [], repeaters: [] }));

const GET_REQUEST = 0xa0;
const GET_NEXT_REQUEST = 0xa1;
const GET_BULK_REQUEST = 0xa5;

/**
 * What net-snmp's own handling of a good answer (error-status 0 or less) would hand to the
 * request's callback, without its intermediate lists: the varbinds of a GET or GETNEXT whose
 * count matches the request, or a GETBULK's varbinds grouped per requested OID. With this
 * package's session options (backwardsGetNexts, no OID mismatch reports: set in the constructor)
 * net-snmp checks nothing else. Undefined for anything net-snmp must handle itself (a count that
 * does not match, a GETBULK answer it cannot group).
 */
function shaped(
    type: unknown,
    asked: number,
    nonRepeaters: unknown,
    varbinds: DecodedVarbind[],
): DecodedVarbind[] | DecodedBulk | undefined {
    if (type === GET_REQUEST || type === GET_NEXT_REQUEST) {
        return varbinds.length === asked ? varbinds : undefined;
    }
    if (type !== GET_BULK_REQUEST) return undefined;
    if (typeof nonRepeaters !== "number" || !Number.isInteger(nonRepeaters) || nonRepeaters < 0)
        return undefined;
    const repeaters = asked - nonRepeaters;
    if (repeaters < 0 || (repeaters === 0 && varbinds.length > asked)) return undefined;
    // Each list made at its final length (an answer of 60 varbinds for 20 columns grew 20 lists
    // by push, each past its first backing store).
    const answered = varbinds.length;
    const out: BulkResponse = {
        nonRepeaters: varbinds.slice(0, Math.min(nonRepeaters, answered)),
        repeaters: [],
    };
    const columns = Math.min(repeaters, Math.max(0, answered - nonRepeaters));
    for (let j = 0; j < columns; j++) {
        const column = new Array<Varbind>(Math.ceil((answered - nonRepeaters - j) / repeaters));
        for (let i = nonRepeaters + j, k = 0; i < answered; i += repeaters, k++)
            column[k] = varbinds[i] as Varbind;
        out.repeaters.push(column);
    }
    return new DecodedBulk(out);
}

/** {@link shaped} for a request net-snmp sent. */
function answerFor(
    req: PendingRequest,
    varbinds: DecodedVarbind[],
): DecodedVarbind[] | DecodedBulk | undefined {
    const pdu = req.message?.pdu;
    const asked = Array.isArray(pdu?.varbinds) ? pdu.varbinds.length : -1;
    return shaped(pdu?.type, asked, pdu?.options?.nonRepeaters, varbinds);
}

/**
 * The error net-snmp makes of an answer with an error-status above 0, the same way (an unknown
 * status reads as net-snmp's GeneralError: its number as the text, its name as the status).
 */
function requestFailed(answer: DecodedResponse): Error {
    const names = snmp.ErrorStatus as unknown as Record<string | number, string | number | undefined>;
    const text = names[answer.errorStatus] || names.GeneralError;
    const status = names[text as string | number] || names[names.GeneralError as number];
    const at = answer.errorIndex;
    const named =
        at > 0 && at <= answer.varbinds.length ? `${String(text)}: ${answer.varbinds[at - 1]?.oid}` : text;
    return new snmp.RequestFailedError(named as string, status as snmp.ErrorStatus);
}

/** A request this session sent itself (SNMPv1/v2c), until it is answered, fails or is asked again. */
interface OwnRequest {
    id: number;
    bytes: Buffer;
    /** When this try has waited long enough (performance.now()). */
    deadline: number;
    /** Tries left after this one. */
    triesLeft: number;
    /** An answer read whole: settle with it, or ask again through net-snmp if it does not fit. */
    answered(varbinds: DecodedVarbind[]): void;
    /** Fail with what net-snmp would have called back with (classified). */
    fail(err: unknown): void;
    /** Ask again through net-snmp, which answers everything this session cannot read. */
    viaNetSnmp(): void;
    /** The socket's callback for this request's datagram. */
    sent: (err: Error | null) => void;
}

let ownAnswerDecoder = true;

/**
 * Send SNMPv1/v2c requests and read their answers here (the default), or let net-snmp send every
 * request and parse every answer. For tests that compare the two, and a way back should an agent
 * ever need it.
 */
export function useOwnAnswerDecoder(on: boolean): void {
    ownAnswerDecoder = on;
}

let engineId: Buffer | undefined;

/**
 * The local SNMP engine ID net-snmp gives every session (its format: enterprise 47491, random
 * bytes). SNMPv1 and v2c never send it; without one, net-snmp draws 12 random bytes from the
 * system for each session, a good part of opening the sessions of a fleet's first poll. One per
 * process serves every community session.
 */
function communityEngineId(): Buffer {
    engineId ??= Buffer.concat([Buffer.from("8000b98380", "hex"), randomBytes(12)]);
    return engineId;
}

export class SnmpSession implements SnmpTransport {
    readonly version: SnmpVersion;
    readonly host: string;
    readonly port: number;
    /** The resolved address datagrams go to and must come from. */
    readonly address: string;
    readonly counters: TrafficCounters = newCounters();
    /** Set once the session can no longer be trusted (watchdog fired, socket error); the pool drops it. */
    broken = false;

    private readonly settings: SessionSettings;
    private readonly inner: snmp.Session;
    private readonly pending = new Set<(err: SnmpError) => void>();
    private closed = false;
    private badMessages = 0;
    /** The community's bytes, to compare with an answer's (community sessions only). */
    private readonly communityBytes: Buffer | undefined;
    /** The message version number of a community session (0: SNMPv1, 1: v2c). */
    private readonly messageVersion: number;
    /** net-snmp's socket, which requests sent here go out on (community sessions only). */
    private readonly socket: dgram.Socket | undefined;
    /** Requests sent here, by request ID, the one that times out first first. */
    private readonly own = new Map<number, OwnRequest>();
    /** Fires when the first of {@link own} has waited long enough. */
    private ownTimer: NodeJS.Timeout | undefined;
    /** Set once an answer could not be taken whole here: net-snmp sends the rest. */
    private netSnmpOnly = false;

    private constructor(host: string, address: string, family: number, settings: SessionSettings) {
        this.host = host;
        this.port = settings.port;
        this.address = address;
        this.version = settings.version;
        this.settings = settings;
        const options = {
            port: settings.port,
            retries: settings.retries,
            timeout: settings.timeout,
            transport: family === 6 ? "udp6" : "udp4",
            idBitsSize: 32,
            backoff: 1,
            dgramModule: guardedDgram(this),
            // net-snmp's defaults, stated: answerFor hands answers over on these terms (runQuery
            // itself finds OIDs that do not increase).
            backwardsGetNexts: true,
            reportOidMismatchErrors: false,
        } as const;
        this.communityBytes = settings.version === "3" ? undefined : Buffer.from(settings.community, "utf8");
        this.messageVersion = settings.version === "1" ? 0 : 1;
        if (settings.version === "3") {
            const user: snmp.User = {
                name: settings.user,
                level: snmp.SecurityLevel[settings.securityLevel],
            };
            if (settings.securityLevel !== "noAuthNoPriv") {
                user.authProtocol = snmp.AuthProtocols[settings.authProtocol];
                user.authKey = settings.authKey;
            }
            if (settings.securityLevel === "authPriv") {
                user.privProtocol = snmp.PrivProtocols[settings.privProtocol];
                user.privKey = settings.privKey;
            }
            this.inner = snmp.createV3Session(address, user, { ...options, context: settings.context });
        } else {
            this.inner = snmp.createSession(address, settings.community, {
                ...options,
                version: settings.version === "1" ? snmp.Version1 : snmp.Version2c,
                engineID: communityEngineId(),
            } as snmp.SessionOptions);
            writeRequestsFaster(this.inner);
            this.socket = (this.inner as unknown as { dgram?: dgram.Socket }).dgram;
        }
        // net-snmp emits "error" for responses it cannot decode; without a listener that is an
        // uncaught exception.
        this.inner.on("error", (err: unknown) => this.onBadMessage(err));
    }

    /** Resolve the host and open a session (one UDP socket). */
    static async open(
        host: string,
        settings: SessionSettings,
        lookup: Lookup = defaultLookup,
        signal?: AbortSignal,
    ): Promise<SnmpSession> {
        const trimmed = host.trim();
        if (trimmed === "") throw new SnmpError("config", "no host given");
        let address = trimmed.replace(/^\[(.*)\]$/, "$1");
        let family = net.isIP(address);
        if (family === 0) {
            try {
                const found = await lookup(trimmed, signal);
                address = found.address;
                family = found.family;
            } catch (err) {
                throw classifyError(err, { ...contextOf(trimmed, settings), sawBadMessage: false });
            }
        }
        try {
            return new SnmpSession(trimmed, address, family, settings);
        } catch (err) {
            throw classifyError(err, { ...contextOf(trimmed, settings), sawBadMessage: false });
        }
    }

    /** What this session talks to, for messages (never secrets). */
    describe(): string {
        return `${this.host}:${this.port} (${describeSettings(this.settings)})`;
    }

    get isClosed(): boolean {
        return this.closed;
    }

    // net-snmp reads the list of OIDs once, when it makes the request: it is passed without a copy.
    getNext(oids: readonly string[], signal?: AbortSignal): Promise<Varbind[]> {
        const viaNetSnmp = (): Promise<Varbind[]> =>
            this.call<Varbind[]>(signal, (cb) =>
                this.inner.getNext(oids as string[], (err, varbinds) =>
                    this.answered(cb, err, () => (varbinds ?? []).map(toVarbind)),
                ),
            );
        return this.sendsOwn()
            ? this.ownCall(signal, GET_NEXT_REQUEST, oids, 0, 0, viaNetSnmp)
            : viaNetSnmp();
    }

    get(oids: readonly string[], signal?: AbortSignal): Promise<Varbind[]> {
        const viaNetSnmp = (): Promise<Varbind[]> =>
            this.call<Varbind[]>(signal, (cb) =>
                this.inner.get(oids as string[], (err, varbinds) =>
                    this.answered(cb, err, () => (varbinds ?? []).map(toVarbind)),
                ),
            );
        return this.sendsOwn() ? this.ownCall(signal, GET_REQUEST, oids, 0, 0, viaNetSnmp) : viaNetSnmp();
    }

    getBulk(
        oids: readonly string[],
        nonRepeaters: number,
        maxRepetitions: number,
        signal?: AbortSignal,
    ): Promise<BulkResponse> {
        const viaNetSnmp = (): Promise<BulkResponse> =>
            this.netSnmpBulk(oids, nonRepeaters, maxRepetitions, signal);
        return this.sendsOwn()
            ? this.ownCall(signal, GET_BULK_REQUEST, oids, nonRepeaters, maxRepetitions, viaNetSnmp)
            : viaNetSnmp();
    }

    private netSnmpBulk(
        oids: readonly string[],
        nonRepeaters: number,
        maxRepetitions: number,
        signal: AbortSignal | undefined,
    ): Promise<BulkResponse> {
        return this.call<BulkResponse>(signal, (cb) =>
            this.inner.getBulk(oids as string[], nonRepeaters, maxRepetitions, (err, varbinds) =>
                this.answered(cb, err, () => {
                    if ((varbinds as unknown) instanceof DecodedBulk)
                        return (varbinds as unknown as DecodedBulk).response;
                    const out: BulkResponse = { nonRepeaters: [], repeaters: [] };
                    const entries = varbinds ?? [];
                    for (let i = 0; i < entries.length; i++) {
                        const entry = entries[i] as snmp.Varbind | snmp.Varbind[];
                        if (i < nonRepeaters) {
                            out.nonRepeaters.push(toVarbind(entry as snmp.Varbind));
                        } else if (Array.isArray(entry)) {
                            // net-snmp made this array for this answer alone: converted in place.
                            const column = entry as unknown as Varbind[];
                            for (let k = 0; k < column.length; k++)
                                column[k] = toVarbind(entry[k] as snmp.Varbind);
                            out.repeaters.push(column);
                        } else {
                            out.repeaters.push([toVarbind(entry)]);
                        }
                    }
                    return out;
                }),
            ),
        );
    }

    /**
     * net-snmp answered: convert and settle in a coming turn of the event loop (see turns.ts), so
     * that a burst of answers does not block it. Anything that throws on the way is a damaged
     * answer, as when net-snmp itself throws on one: it is counted, and the watchdog ends the request.
     */
    private answered<T>(cb: (err: unknown, value?: T) => void, err: unknown, make: () => T): void {
        const settle = (): void => {
            try {
                convert(cb, err, make);
            } catch (e) {
                this.onBadMessage(e);
            }
        };
        // An answer is parsed in a turn already; a timeout or a socket error comes from elsewhere.
        if (inTurnNow()) settle();
        else inTurn(settle);
    }

    /**
     * A datagram from the device. A plain SNMPv1/v2c answer is read by decode.ts: to a request
     * sent here, it settles it (or, if it cannot be taken whole, has it asked again through
     * net-snmp); to one net-snmp sent, it is handed over as net-snmp's own handler would. Anything
     * else goes to net-snmp's handler, and requests still waiting here are asked again through
     * net-snmp, which can read what decode.ts leaves (it costs a round trip, once per session).
     */
    receive(msg: Buffer, rinfo: dgram.RemoteInfo, netSnmp: MessageListener): void {
        const community = this.communityBytes;
        const answer = ownAnswerDecoder && community !== undefined ? decodeCommunityResponse(msg) : undefined;
        if (answer === undefined) {
            if (this.own.size > 0) {
                for (const entry of Array.from(this.own.values())) entry.viaNetSnmp();
            }
            netSnmp(msg, rinfo);
            return;
        }
        const entry = this.own.get(answer.id);
        if (entry !== undefined) {
            // What net-snmp checks first: the version and the community must be the request's.
            if (
                answer.version !== this.messageVersion ||
                answer.communityEnd - answer.communityStart !== (community as Buffer).length ||
                msg.compare(
                    community as Buffer,
                    0,
                    (community as Buffer).length,
                    answer.communityStart,
                    answer.communityEnd,
                ) !== 0
            ) {
                entry.viaNetSnmp();
            } else if (answer.errorStatus > 0) {
                entry.fail(requestFailed(answer));
            } else {
                entry.answered(answer.varbinds);
            }
            return;
        }
        if (!this.deliver(msg, answer, community as Buffer)) netSnmp(msg, rinfo);
    }

    /** Are this session's requests sent here (SNMPv1/v2c, decode.ts on, nothing sent back to net-snmp)? */
    private sendsOwn(): boolean {
        return ownAnswerDecoder && this.socket !== undefined && !this.netSnmpOnly && !this.closed;
    }

    /**
     * Send one request here: as net-snmp would (the same bytes, timeout per try, retries of the
     * same datagram, the same errors), without its request objects, and with one timer per
     * session instead of two per request. `viaNetSnmp` asks the same through net-snmp.
     */
    private ownCall<T>(
        signal: AbortSignal | undefined,
        type: number,
        oids: readonly string[],
        nonRepeaters: number,
        maxRepetitions: number,
        viaNetSnmp: () => Promise<T>,
    ): Promise<T> {
        if (signal?.aborted) return Promise.reject(abortError(signal, this.host));
        const id = this.freeId();
        const bytes = encodeRequest(
            this.messageVersion,
            this.communityBytes as Buffer,
            type,
            id,
            oids,
            nonRepeaters,
            maxRepetitions,
        );
        if (bytes === undefined) return viaNetSnmp();
        const badBefore = this.badMessages;
        return new Promise<T>((resolve, reject) => {
            let settled = false;
            /** This request is over here: out of the table, the signal and the pending set. */
            const end = (): boolean => {
                if (settled) return false;
                settled = true;
                this.dropOwn(entry);
                signal?.removeEventListener("abort", onAbort);
                this.pending.delete(rejectPending);
                return true;
            };
            const rejectPending = (err: SnmpError): void => {
                if (end()) reject(err);
            };
            const onAbort = (): void => {
                if (end()) reject(abortError(signal as AbortSignal, this.host));
            };
            const entry: OwnRequest = {
                id,
                bytes,
                deadline: 0,
                triesLeft: this.settings.retries,
                answered: (varbinds) => {
                    const value = shaped(type, oids.length, nonRepeaters, varbinds);
                    if (value === undefined) entry.viaNetSnmp();
                    else if (end()) resolve((value instanceof DecodedBulk ? value.response : value) as T);
                },
                fail: (err) => {
                    if (!end()) return;
                    reject(
                        classifyError(err, {
                            ...contextOf(this.host, this.settings),
                            sawBadMessage: this.badMessages > badBefore,
                        }),
                    );
                },
                viaNetSnmp: () => {
                    if (!end()) return;
                    this.netSnmpOnly = true;
                    this.counters.sentBack++;
                    viaNetSnmp().then(resolve, reject);
                },
                sent: (err) => {
                    if (err) entry.fail(err);
                },
            };
            signal?.addEventListener("abort", onAbort, { once: true });
            this.pending.add(rejectPending);
            this.own.set(id, entry);
            this.counters.sentHere++;
            this.sendOwn(entry);
        });
    }

    /** A request ID neither this session nor net-snmp has waiting (net-snmp draws them at random too). */
    private freeId(): number {
        const theirs = (this.inner as unknown as PendingRequests).reqs;
        for (;;) {
            const id = 1 + Math.floor(Math.random() * 0x7ffffffe);
            if (!this.own.has(id) && theirs?.[id] === undefined) return id;
        }
    }

    /** (Re)send a request's datagram; its try ends after the session's timeout. */
    private sendOwn(entry: OwnRequest): void {
        entry.deadline = performance.now() + this.settings.timeout;
        this.ownTimer ??= setTimeout(this.onOwnTimer, this.settings.timeout);
        try {
            (this.socket as dgram.Socket).send(
                entry.bytes,
                0,
                entry.bytes.length,
                this.port,
                this.address,
                entry.sent,
            );
        } catch (err) {
            // A closed socket throws at once, as net-snmp's send would report.
            entry.fail(err);
        }
    }

    private dropOwn(entry: OwnRequest): void {
        if (this.own.get(entry.id) !== entry) return;
        this.own.delete(entry.id);
        if (this.own.size === 0 && this.ownTimer !== undefined) {
            clearTimeout(this.ownTimer);
            this.ownTimer = undefined;
        }
    }

    /**
     * The first request's try is over (or an earlier one's, already settled). Tries end in the
     * order they started, so the table is in deadline order: a retry goes to its end.
     */
    private readonly onOwnTimer = (): void => {
        this.ownTimer = undefined;
        const now = performance.now();
        for (const entry of Array.from(this.own.values())) {
            if (entry.deadline > now + 1) break;
            if (entry.triesLeft > 0) {
                entry.triesLeft--;
                this.own.delete(entry.id);
                this.own.set(entry.id, entry);
                this.sendOwn(entry);
            } else {
                entry.fail(Object.assign(new Error("Request timed out"), { name: "RequestTimedOutError" }));
            }
        }
        // A retry armed the timer for its own deadline; the first one left may be due sooner.
        if (this.ownTimer !== undefined) clearTimeout(this.ownTimer);
        const first = this.own.values().next().value;
        this.ownTimer =
            first === undefined ? undefined : setTimeout(this.onOwnTimer, Math.max(1, first.deadline - now));
    };

    private deliver(msg: Buffer, answer: DecodedResponse, community: Buffer): boolean {
        const inner = this.inner as unknown as PendingRequests;
        const req = inner.reqs?.[answer.id];
        if (
            req === undefined ||
            typeof req.onResponse !== "function" ||
            typeof inner.unregisterRequest !== "function" ||
            req.message?.version !== answer.version ||
            answer.communityEnd - answer.communityStart !== community.length ||
            msg.compare(community, 0, community.length, answer.communityStart, answer.communityEnd) !== 0
        ) {
            return false;
        }
        inner.unregisterRequest(answer.id);
        const varbinds = answer.errorStatus === 0 ? answerFor(req, answer.varbinds) : undefined;
        if (varbinds !== undefined && typeof req.responseCb === "function") {
            req.responseCb(null, varbinds);
            return true;
        }
        req.onResponse(req, {
            version: answer.version,
            community: req.message.community,
            pdu: {
                type: GET_RESPONSE,
                id: answer.id,
                errorStatus: answer.errorStatus,
                errorIndex: answer.errorIndex,
                varbinds: answer.varbinds,
            },
        });
        return true;
    }

    /** Close the socket and fail anything still pending. Safe to call more than once. */
    close(): void {
        if (this.closed) return;
        this.closed = true;
        // Usually nothing waits (the pool closes idle sessions): no error to make then. A redeploy
        // of 1,000 printers closes 1,000 sessions at once, and an Error captures a stack.
        if (this.pending.size > 0) {
            this.failAll(
                new SnmpError("cancelled", `session to ${this.host}:${this.port} was closed`, {
                    host: this.host,
                }),
            );
        }
        if (this.ownTimer !== undefined) clearTimeout(this.ownTimer);
        this.ownTimer = undefined;
        try {
            this.inner.close();
        } catch {
            // Already closed by a socket error: nothing left to release.
        }
    }

    onBadMessage(_err: unknown): void {
        this.badMessages++;
    }

    onSocketError(err: Error): void {
        this.broken = true;
        this.failAll(classifyError(err, { ...contextOf(this.host, this.settings), sawBadMessage: false }));
    }

    private failAll(err: SnmpError): void {
        for (const reject of Array.from(this.pending)) reject(err);
    }

    /**
     * Run one net-snmp request with a watchdog and an abort signal. net-snmp retries internally;
     * the watchdog allows for every retry plus SNMPv3 discovery, then gives up on net-snmp.
     */
    private call<T>(
        signal: AbortSignal | undefined,
        start: (cb: (err: unknown, value?: T) => void) => void,
    ): Promise<T> {
        if (this.closed) {
            return Promise.reject(
                new SnmpError("cancelled", `session to ${this.host} is closed`, { host: this.host }),
            );
        }
        if (signal?.aborted) return Promise.reject(abortError(signal, this.host));
        const badBefore = this.badMessages;
        const tries = this.settings.retries + 1;
        const watchdogMs = this.settings.timeout * tries * (this.version === "3" ? 2 : 1) + 1000;

        return new Promise<T>((resolve, reject) => {
            let settled = false;
            const finish = (err: SnmpError | null, value?: T): void => {
                if (settled) return;
                settled = true;
                clearTimeout(watchdog);
                signal?.removeEventListener("abort", onAbort);
                this.pending.delete(rejectPending);
                if (err) reject(err);
                else resolve(value as T);
            };
            const rejectPending = (err: SnmpError): void => finish(err);
            const onAbort = (): void => finish(abortError(signal as AbortSignal, this.host));
            const watchdog = setTimeout(() => {
                this.broken = true;
                finish(
                    classifyError(
                        Object.assign(new Error("Request timed out"), { name: "RequestTimedOutError" }),
                        {
                            ...contextOf(this.host, this.settings),
                            sawBadMessage: this.badMessages > badBefore,
                        },
                    ),
                );
            }, watchdogMs);
            watchdog.unref();
            signal?.addEventListener("abort", onAbort, { once: true });
            this.pending.add(rejectPending);
            try {
                start((err, value) => {
                    if (err) {
                        finish(
                            classifyError(err, {
                                ...contextOf(this.host, this.settings),
                                sawBadMessage: this.badMessages > badBefore,
                            }),
                        );
                    } else {
                        finish(null, value);
                    }
                });
            } catch (err) {
                finish(classifyError(err, { ...contextOf(this.host, this.settings), sawBadMessage: false }));
            }
        });
    }
}

function contextOf(host: string, s: SessionSettings): Omit<ErrorContext, "sawBadMessage"> {
    // DES goes first where OpenSSL 3 disables legacy ciphers; MD5 only in FIPS builds.
    const legacy =
        s.version !== "3" || s.securityLevel === "noAuthNoPriv"
            ? undefined
            : s.securityLevel === "authPriv" && s.privProtocol === "des"
              ? "DES"
              : s.authProtocol === "md5"
                ? "MD5"
                : undefined;
    const ctx = { host, port: s.port, version: s.version, timeout: s.timeout, retries: s.retries };
    return legacy !== undefined ? { ...ctx, legacyCrypto: legacy } : ctx;
}
