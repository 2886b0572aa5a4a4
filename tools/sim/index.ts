/**
 * SNMP agent simulator for tests, the benchmark and the demo: serves `.snmprec` recordings over
 * real UDP on loopback, answers SNMPv1, v2c and v3 (USM) GET, GETNEXT and GETBULK, refuses SET,
 * and can misbehave on demand (delay, jitter, loss, down). See tools/sim/README.md.
 */
import dgram from "node:dgram";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { answer, errorName } from "./agent";
import {
    ErrorStatus,
    MsgFlags,
    PDU_NAMES,
    PduTag,
    Tag,
    communityMessageSize,
    decodeMessage,
    decodeScopedPdu,
    encodeCommunityMessage,
    encodeOctets,
    encodeOid,
    encodePdu,
    encodeScopedPdu,
    encodeUnsigned,
    encodeV3Message,
    encodeVarbind,
    oidToString,
    parseOid,
    pduSize,
    scopedPduSize,
    tlvSize,
    v3MessageSize,
    type CommunityMessage,
    type Pdu,
    type V3Header,
    type V3Message,
} from "./ber";
import { createDynamics } from "./dynamics";
import { parseSnmprec, parseValue, type SimValue } from "./snmprec";
import { MibStore } from "./store";
import {
    Device,
    MAX_INT32,
    assertLoopback,
    newCounters,
    readText,
    snapshot,
    validateV3,
    type Listener,
    type NumericCounter,
    type UserKeys,
} from "./device";
import type {
    Faults,
    PduLogEntry,
    SimCounters,
    SimDevice,
    Simulator,
    SimulatorOptions,
    Endpoint,
} from "./types";
import { AUTH, ciphertextLength, decrypt, encrypt, signMessage, verifyDigest } from "./usm";

export type { DynamicsOptions } from "./dynamics";
export type { AuthProtocol, PrivProtocol } from "./usm";
export type { SimValue } from "./snmprec";
export type * from "./types";
export { assertLoopback } from "./device";

// ---------------------------------------------------------------------------------------------
// Internals

const DEFAULT_MAX_MSG_SIZE = 1472;
const USM_TIME_WINDOW_S = 150; // RFC 3414 §2.2.3

/** usmStats (RFC 3414 §5) and snmpUnknownContexts (RFC 3413 §4.1.2 / SNMP-TARGET-MIB). */
const REPORT_OIDS = {
    unsupportedSecLevels: [1, 3, 6, 1, 6, 3, 15, 1, 1, 1, 0],
    notInTimeWindows: [1, 3, 6, 1, 6, 3, 15, 1, 1, 2, 0],
    unknownUserNames: [1, 3, 6, 1, 6, 3, 15, 1, 1, 3, 0],
    unknownEngineIds: [1, 3, 6, 1, 6, 3, 15, 1, 1, 4, 0],
    wrongDigests: [1, 3, 6, 1, 6, 3, 15, 1, 1, 5, 0],
    decryptionErrors: [1, 3, 6, 1, 6, 3, 15, 1, 1, 6, 0],
    unknownContexts: [1, 3, 6, 1, 6, 3, 12, 1, 5, 0],
} as const;
type ReportKind = keyof typeof REPORT_OIDS;

class SimulatorImpl implements Simulator {
    address = "";
    port = 0;
    private readonly totals = newCounters();
    private readonly logEntries: PduLogEntry[] = [];
    private readonly devices = new Map<string, Device>();
    private readonly listeners: Listener[] = [];
    private readonly timers = new Set<NodeJS.Timeout>();
    private interval?: NodeJS.Timeout;
    private globalFaults: Faults;
    private offset = 0;
    private stopped = false;
    private readonly maxMsgSize: number;
    private readonly logLimit: number;
    private readonly clock: () => number;

    constructor(private readonly options: SimulatorOptions) {
        this.maxMsgSize = options.maxMsgSize ?? DEFAULT_MAX_MSG_SIZE;
        if (!Number.isInteger(this.maxMsgSize) || this.maxMsgSize < 484 || this.maxMsgSize > 65507) {
            throw new Error(`maxMsgSize must be an integer from 484 to 65507, not ${options.maxMsgSize}`);
        }
        if (options.dynamic && !(options.dynamic.intervalMs >= 10)) {
            throw new Error(`dynamic.intervalMs must be at least 10, not ${options.dynamic.intervalMs}`);
        }
        this.logLimit = options.logLimit ?? 100_000;
        this.clock = options.clock ?? Date.now;
        this.globalFaults = { ...options.faults };
    }

    get deviceNames(): readonly string[] {
        return [...this.devices.keys()];
    }

    get log(): readonly PduLogEntry[] {
        return this.logEntries;
    }

    now(): number {
        return this.clock() + this.offset;
    }

    async start(): Promise<void> {
        const o = this.options;
        const address = o.address ?? "127.0.0.1";
        assertLoopback(address);
        const seed = o.seed ?? 1;
        const texts = new Map<string, string>();
        const parsed = new Map<string, ReturnType<typeof parseSnmprec>>();
        const load = (spec: { file?: string; records?: string }): { store: MibStore; warnings: string[] } => {
            const { text, source } = readText(spec, texts);
            const key =
                spec.file !== undefined && spec.records === undefined ? `file:${spec.file}` : undefined;
            let p = key ? parsed.get(key) : undefined;
            if (!p) {
                p = parseSnmprec(text, source);
                if (key) parsed.set(key, p);
            }
            return { store: new MibStore(p.records), warnings: p.warnings };
        };

        const now = this.now();
        const plans = new Map<string, { address: string; port: number; devices: Device[] }>();
        const shared = { address, port: o.port ?? 0, devices: [] as Device[] };
        plans.set("shared", shared);
        let ephemeral = 0;
        for (const spec of o.devices) {
            if (!spec.name) throw new Error("every simulated device needs a name");
            if (this.devices.has(spec.name))
                throw new Error(`two simulated devices are named "${spec.name}"`);
            if (spec.v3) validateV3(spec.name, spec.v3);
            const own = spec.port !== undefined || spec.address !== undefined;
            if (spec.address !== undefined) assertLoopback(spec.address);
            const contexts = new Map<string, MibStore>();
            const main = load(spec);
            const warnings = [...main.warnings];
            contexts.set("", main.store);
            for (const [ctx, c] of Object.entries(spec.contexts ?? {})) {
                const l = load(c);
                contexts.set(ctx, l.store);
                warnings.push(...l.warnings.map((w) => `@${ctx}: ${w}`));
            }
            const community = spec.community ?? (own ? "public" : spec.name);
            const device = new Device(spec, community, contexts, warnings, seed, now);
            if (spec.dynamics !== false) {
                for (const store of contexts.values()) {
                    device.dynamics.push(...createDynamics(store, spec.dynamics ?? {}, device.rng));
                }
            }
            this.devices.set(spec.name, device);
            let plan = shared;
            if (own) {
                const a = spec.address ?? address;
                const p = spec.port ?? 0;
                const key = p === 0 ? `ephemeral:${ephemeral++}` : `${a}:${p}`;
                plan = plans.get(key) ?? { address: a, port: p, devices: [] };
                plans.set(key, plan);
            }
            plan.devices.push(device);
        }

        try {
            for (const plan of plans.values()) {
                const listener = await this.bind(plan.address, plan.port);
                this.listeners.push(listener);
                if (plan === shared) {
                    this.address = listener.address;
                    this.port = listener.port;
                }
                for (const d of plan.devices) {
                    d.listener = listener;
                    for (const ctx of d.contexts.keys()) {
                        const community = ctx === "" ? d.community : `${d.community}@${ctx}`;
                        if (listener.byCommunity.has(community)) {
                            throw new Error(
                                `devices "${listener.byCommunity.get(community)!.device.name}" and "${d.name}" share ` +
                                    `${plan.address}:${plan.port} and community "${community}"`,
                            );
                        }
                        listener.byCommunity.set(community, { device: d, context: ctx });
                    }
                    if (d.engineId) {
                        listener.v3.push(d);
                        listener.byEngine.set(d.engineId.toString("hex"), d);
                    }
                }
            }
        } catch (err) {
            await this.stop();
            throw err;
        }
        if (o.dynamic) {
            let last = this.now();
            this.interval = setInterval(() => {
                const t = this.now();
                this.runDynamics(t - last);
                last = t;
            }, o.dynamic.intervalMs);
        }
    }

    private bind(address: string, port: number): Promise<Listener> {
        return new Promise((resolve, reject) => {
            const socket = dgram.createSocket({ type: "udp4" });
            const listener: Listener = {
                socket,
                address,
                port,
                byCommunity: new Map(),
                byEngine: new Map(),
                v3: [],
            };
            const onBindError = (err: Error): void => {
                socket.close();
                reject(new Error(`the simulator could not listen on ${address}:${port}: ${err.message}`));
            };
            socket.once("error", onBindError);
            socket.bind({ address, port, exclusive: true }, () => {
                socket.off("error", onBindError);
                socket.on("error", () => this.bump(undefined, "internalErrors"));
                socket.on("message", (msg, rinfo) => this.onMessage(listener, msg, rinfo));
                listener.port = socket.address().port;
                resolve(listener);
            });
        });
    }

    // ----- request handling ------------------------------------------------------------------

    private bump(device: Device | undefined, key: NumericCounter, n = 1): void {
        this.totals[key] += n;
        if (device) device.counters[key] += n;
    }

    private record(entry: PduLogEntry): void {
        if (this.logLimit <= 0) return;
        if (this.logEntries.length >= this.logLimit) {
            this.logEntries.splice(0, Math.max(1, Math.floor(this.logLimit / 2)));
        }
        this.logEntries.push(entry);
    }

    private drop(device: Device | undefined, entry: PduLogEntry, reason: string): void {
        entry.outcome = "dropped";
        entry.detail = reason;
        this.bump(device, "dropped");
    }

    private faultsOf(device: Device): Faults {
        return { ...this.globalFaults, ...device.faults };
    }

    /** Apply down and loss; false when the request is not answered. */
    private admit(device: Device, entry: PduLogEntry): boolean {
        const f = this.faultsOf(device);
        if (f.down) {
            this.bump(device, "down");
            this.drop(device, entry, "down");
            return false;
        }
        if (f.lossRate && device.lossRng() < f.lossRate) {
            this.bump(device, "lost");
            this.drop(device, entry, "lost");
            return false;
        }
        return true;
    }

    private onMessage(listener: Listener, msg: Buffer, rinfo: dgram.RemoteInfo): void {
        if (this.stopped) return;
        const entry: PduLogEntry = {
            time: this.now(),
            receivedAt: performance.now(),
            version: "?",
            type: "?",
            varbinds: 0,
            oids: [],
            bytesIn: msg.length,
            outcome: "dropped",
        };
        this.totals.requests++;
        this.totals.bytesIn += msg.length;
        this.record(entry);
        let device: Device | undefined;
        try {
            let m: CommunityMessage | V3Message;
            try {
                m = decodeMessage(msg);
            } catch {
                this.bump(undefined, "malformed");
                this.drop(undefined, entry, "malformed");
                return;
            }
            if (m.version === 3) {
                entry.version = "3";
                device = this.handleV3(listener, m, msg, rinfo, entry);
            } else {
                device = this.handleCommunity(listener, m, rinfo, entry);
            }
        } catch (err) {
            // A bug here must not stop the simulator (or the test run): count it and move on.
            this.bump(device, "internalErrors");
            this.drop(device, entry, `internal error: ${(err as Error).message}`);
        }
    }

    private describe(entry: PduLogEntry, pdu: Pdu): void {
        entry.type = PDU_NAMES[pdu.tag] ?? "?";
        entry.varbinds = pdu.varbinds.length;
        entry.oids = pdu.varbinds.map((vb) => oidToString(vb.oid));
        entry.requestId = pdu.requestId;
        if (pdu.tag === PduTag.GetBulk) {
            entry.nonRepeaters = pdu.errorStatus;
            entry.maxRepetitions = pdu.errorIndex;
        }
    }

    private countType(device: Device, type: string): void {
        if (type === "?") return; // an encrypted PDU that could not be read
        this.totals.byType[type] = (this.totals.byType[type] ?? 0) + 1;
        device.counters.byType[type] = (device.counters.byType[type] ?? 0) + 1;
    }

    private handleCommunity(
        listener: Listener,
        m: CommunityMessage,
        rinfo: dgram.RemoteInfo,
        entry: PduLogEntry,
    ): Device | undefined {
        entry.version = m.version === 0 ? "1" : "2c";
        this.describe(entry, m.pdu);
        const route = listener.byCommunity.get(m.community.toString("latin1"));
        if (!route) {
            // Real agents answer nothing to a wrong community (RFC 3584 §5.2.1: snmpInBadCommunityNames).
            this.bump(undefined, "badCommunity");
            this.drop(undefined, entry, "community");
            return undefined;
        }
        const { device, context } = route;
        entry.device = device.name;
        if (context) entry.context = context;
        device.counters.requests++;
        device.counters.bytesIn += entry.bytesIn;
        this.countType(device, entry.type);
        if (!this.admit(device, entry)) return device;
        if (m.version === 0 && m.pdu.tag === PduTag.GetBulk) {
            this.drop(device, entry, "GetBulkRequest is not SNMPv1");
            return device;
        }
        const store = device.contexts.get(context)!;
        device.tick(this.now());
        const reqId = m.pdu.requestId;
        const fits = (vbBytes: number): boolean =>
            communityMessageSize(m.version, m.community, pduSize(reqId, 0, 0, vbBytes)) <= this.maxMsgSize;
        const a = answer(store, m.pdu, m.version, fits);
        if (!a) {
            this.drop(device, entry, "not a request");
            return device;
        }
        let out = encodeCommunityMessage(
            m.version,
            m.community,
            encodePdu(PduTag.Response, reqId, a.errorStatus, a.errorIndex, a.varbinds),
        );
        if (out.length > this.maxMsgSize) {
            // Only an echo in an error response can get here (e.g. a huge SET): tooBig with no varbinds.
            a.errorStatus = ErrorStatus.tooBig;
            out = encodeCommunityMessage(
                m.version,
                m.community,
                encodePdu(PduTag.Response, reqId, a.errorStatus, 0, []),
            );
        }
        this.respond(device, listener, entry, out, rinfo, a.errorStatus);
        return device;
    }

    private respond(
        device: Device,
        listener: Listener,
        entry: PduLogEntry,
        out: Buffer,
        rinfo: dgram.RemoteInfo,
        errorStatus: number,
        report?: ReportKind,
    ): void {
        if (report) {
            entry.outcome = "report";
            entry.detail = report;
        } else {
            entry.outcome = errorStatus ? "error" : "response";
            if (errorStatus) entry.detail = errorName(errorStatus);
        }
        const f = this.faultsOf(device);
        const delay = (f.delayMs ?? 0) + (f.jitterMs ? device.rng() * f.jitterMs : 0);
        const send = (): void => {
            if (this.stopped) return;
            listener.socket.send(out, rinfo.port, rinfo.address, (err) => {
                if (err) this.bump(device, "internalErrors");
            });
            entry.answeredAt = performance.now();
            entry.bytesOut = out.length;
            this.bump(device, "responses");
            this.bump(device, "bytesOut", out.length);
            if (report) this.bump(device, "reports");
            else if (errorStatus) this.bump(device, "errors");
        };
        if (delay > 0) {
            const t = setTimeout(() => {
                this.timers.delete(t);
                send();
            }, delay);
            this.timers.add(t);
        } else {
            send();
        }
    }

    // ----- SNMPv3 ----------------------------------------------------------------------------

    private handleV3(
        listener: Listener,
        m: V3Message,
        whole: Buffer,
        rinfo: dgram.RemoteInfo,
        entry: PduLogEntry,
    ): Device | undefined {
        if (m.scoped) this.describe(entry, m.scoped.pdu);
        // RFC 3412 §7.2 steps 3-5: only USM, and privacy only with authentication.
        if (m.securityModel !== 3) {
            this.drop(undefined, entry, "unknown security model");
            return undefined;
        }
        if (m.msgMaxSize < 484) {
            // msgMaxSize is INTEGER (484..2147483647) in RFC 3412 §6.
            this.drop(undefined, entry, "invalid msgMaxSize");
            return undefined;
        }
        if (m.msgFlags & MsgFlags.priv && !(m.msgFlags & MsgFlags.auth)) {
            this.drop(undefined, entry, "invalid msgFlags");
            return undefined;
        }
        let device = listener.byEngine.get(m.usm.engineId.toString("hex"));
        const discovery = !device;
        device ??= listener.v3[0];
        if (!device) {
            this.drop(undefined, entry, "no SNMPv3 device on this port");
            return undefined;
        }
        entry.device = device.name;
        device.counters.requests++;
        device.counters.bytesIn += entry.bytesIn;
        if (!this.admit(device, entry)) return device;
        const now = this.now();
        const clock = device.engineClock(now);
        const requestId = m.scoped?.pdu.requestId ?? 0;
        const report = (
            kind: ReportKind,
            user?: UserKeys,
            level = 0,
            contextName: Buffer = Buffer.alloc(0),
        ): Device => {
            this.bump(device, kind);
            this.countType(device, entry.type);
            // RFC 3412 §7.1 step 3: reports only for messages with the reportable flag.
            if (!(m.msgFlags & MsgFlags.reportable)) {
                this.drop(device, entry, `${kind} (not reportable)`);
                return device;
            }
            const vb = encodeVarbind(
                encodeOid(REPORT_OIDS[kind]),
                encodeUnsigned(device.counters[kind], Tag.Counter32),
            );
            const pdu = encodePdu(PduTag.Report, requestId, 0, 0, [vb]);
            const out = this.v3Message(device, m, user, level, contextName, pdu, clock);
            this.respond(device, listener, entry, out, rinfo, 0, kind);
            return device;
        };

        // RFC 3414 §3.2, in its order.
        if (discovery) return report("unknownEngineIds"); // step 3
        const user = device.user(m.usm.userName.toString("utf8"));
        if (!user) return report("unknownUserNames"); // step 4
        const wantsAuth = (m.msgFlags & MsgFlags.auth) !== 0;
        const wantsPriv = (m.msgFlags & MsgFlags.priv) !== 0;
        if ((wantsAuth && !user.auth) || (wantsPriv && !user.priv)) return report("unsupportedSecLevels"); // step 5
        if (wantsAuth && user.auth) {
            if (!verifyDigest(user.auth.protocol, user.auth.key, whole, m.usm.authOffset, m.usm.authParams)) {
                return report("wrongDigests"); // step 6
            }
            // Step 7: outside the time window; this report is authenticated so the manager can resync.
            if (
                clock.boots === MAX_INT32 ||
                m.usm.engineBoots !== clock.boots ||
                Math.abs(m.usm.engineTime - clock.time) > USM_TIME_WINDOW_S
            ) {
                return report("notInTimeWindows", user, 1);
            }
        }
        let scoped = m.scoped;
        if (wantsPriv && user.priv && user.auth) {
            try {
                const plain = decrypt(
                    user.priv.protocol,
                    user.priv.key,
                    m.usm.engineBoots,
                    m.usm.engineTime,
                    m.usm.privParams,
                    m.encrypted ?? Buffer.alloc(0),
                );
                scoped = decodeScopedPdu(plain);
            } catch (err) {
                // Step 8. Includes DES on OpenSSL 3 (ERR_OSSL_EVP_UNSUPPORTED): reported, never thrown.
                report("decryptionErrors");
                if ((err as { code?: string }).code === "ERR_OSSL_EVP_UNSUPPORTED") {
                    entry.detail = `decryptionErrors: ${user.priv.protocol} is not available in this OpenSSL`;
                }
                return device;
            }
            this.describe(entry, scoped.pdu);
        }
        if (!scoped) return report("decryptionErrors");
        const level = wantsPriv ? 2 : wantsAuth ? 1 : 0;
        const contextName = scoped.contextName;
        const store = device.contexts.get(contextName.toString("utf8"));
        entry.context = contextName.toString("utf8") || undefined;
        // RFC 3413 §3.2 step 3, at the request's security level.
        if (!store) return report("unknownContexts", user, level, contextName);
        this.countType(device, entry.type);
        const pdu = scoped.pdu;
        if (level < user.level) {
            // The user exists but may only be used at its own level (RFC 3415 access control).
            const pduOut = encodePdu(
                PduTag.Response,
                pdu.requestId,
                ErrorStatus.authorizationError,
                0,
                pdu.varbinds.map((v) => v.raw),
            );
            const out = this.v3Message(device, m, user, level, contextName, pduOut, clock);
            this.respond(device, listener, entry, out, rinfo, ErrorStatus.authorizationError);
            return device;
        }
        device.tick(now);
        const limit = Math.min(this.maxMsgSize, m.msgMaxSize);
        const header = this.v3Header(device, m, user, level, clock, Buffer.alloc(level === 2 ? 8 : 0));
        const fits = (vbBytes: number): boolean => {
            const scopedBytes = scopedPduSize(
                device.engineId!,
                contextName,
                pduSize(pdu.requestId, 0, 0, vbBytes),
            );
            const data =
                level === 2 ? tlvSize(ciphertextLength(user.priv!.protocol, scopedBytes)) : scopedBytes;
            return v3MessageSize(header, data) <= limit;
        };
        const a = answer(store, pdu, 3, fits);
        if (!a) {
            this.drop(device, entry, "not a request");
            return device;
        }
        const pduOut = encodePdu(PduTag.Response, pdu.requestId, a.errorStatus, a.errorIndex, a.varbinds);
        let out = this.v3Message(device, m, user, level, contextName, pduOut, clock);
        if (out.length > limit) {
            a.errorStatus = ErrorStatus.tooBig;
            const small = encodePdu(PduTag.Response, pdu.requestId, ErrorStatus.tooBig, 0, []);
            out = this.v3Message(device, m, user, level, contextName, small, clock);
        }
        this.respond(device, listener, entry, out, rinfo, a.errorStatus);
        return device;
    }

    private v3Header(
        device: Device,
        m: V3Message,
        user: UserKeys | undefined,
        level: number,
        clock: { boots: number; time: number },
        privParams: Buffer,
    ): V3Header {
        return {
            msgId: m.msgId,
            msgMaxSize: this.maxMsgSize,
            msgFlags: (level >= 1 ? MsgFlags.auth : 0) | (level === 2 ? MsgFlags.priv : 0),
            engineId: device.engineId!,
            engineBoots: clock.boots,
            engineTime: clock.time,
            userName: user ? Buffer.from(user.name, "utf8") : m.usm.userName,
            authLength: level >= 1 && user?.auth ? AUTH[user.auth.protocol].macLength : 0,
            privParams,
        };
    }

    /** An SNMPv3 response or report at `level` (0-2), encrypted and signed as that level needs. */
    private v3Message(
        device: Device,
        m: V3Message,
        user: UserKeys | undefined,
        level: number,
        contextName: Buffer,
        pdu: Buffer,
        clock: { boots: number; time: number },
    ): Buffer {
        const scoped = encodeScopedPdu(device.engineId!, contextName, pdu);
        let msgData: Buffer = scoped;
        let privParams: Buffer = Buffer.alloc(0);
        if (level === 2 && user?.priv) {
            const enc = encrypt(
                user.priv.protocol,
                user.priv.key,
                clock.boots,
                clock.time,
                device.nextSalt(),
                scoped,
            );
            msgData = encodeOctets(enc.ciphertext);
            privParams = enc.privParams;
        }
        const header = this.v3Header(device, m, user, level, clock, privParams);
        const { buffer, authOffset } = encodeV3Message(header, msgData);
        if (level >= 1 && user?.auth) signMessage(user.auth.protocol, user.auth.key, buffer, authOffset);
        return buffer;
    }

    // ----- control API -----------------------------------------------------------------------

    private device(name: string): Device {
        const d = this.devices.get(name);
        if (!d) throw new Error(`no simulated device named "${name}"`);
        return d;
    }

    private store(name: string, context = ""): MibStore {
        const d = this.device(name);
        const s = d.contexts.get(context);
        if (!s) throw new Error(`device "${name}" has no context "${context}"`);
        return s;
    }

    endpoint(name: string): Endpoint {
        const d = this.device(name);
        const e: Endpoint = { host: d.listener.address, port: d.listener.port, community: d.community };
        if (d.engineId) e.engineId = d.engineId.toString("hex");
        return e;
    }

    set(
        name: string,
        oid: string,
        type: number | string,
        value: string | number | bigint | Buffer,
        context?: string,
    ): void {
        const o = parseOid(oid);
        if (!o) throw new Error(`set(): "${oid}" is not an OID`);
        const code = String(type);
        let v: SimValue | undefined;
        if (Buffer.isBuffer(value)) {
            if (code === "4" || code === "4x") v = { type: Tag.OctetString, value };
            else if (code === "68" || code === "68x") v = { type: Tag.Opaque, value };
            else if ((code === "64" || code === "64x") && value.length === 4)
                v = { type: Tag.IpAddress, value };
        } else {
            v = parseValue(code, String(value));
        }
        if (!v) throw new Error(`set(): ${String(value)} is not a valid value of type ${code}`);
        this.store(name, context).set(o, v);
    }

    remove(name: string, oid: string, context?: string): boolean {
        const o = parseOid(oid);
        if (!o) throw new Error(`remove(): "${oid}" is not an OID`);
        return this.store(name, context).remove(o);
    }

    get(name: string, oid: string, context?: string): SimValue | undefined {
        const o = parseOid(oid);
        if (!o) throw new Error(`get(): "${oid}" is not an OID`);
        const d = this.device(name);
        d.tick(this.now());
        return this.store(name, context).get(o)?.value;
    }

    setFaults(a: Faults | string, b?: Faults): void {
        if (typeof a === "string") Object.assign(this.device(a).faults, b);
        else Object.assign(this.globalFaults, a);
    }

    advance(ms: number): void {
        if (!(ms >= 0)) throw new Error(`advance(): ${ms} is not a duration`);
        this.offset += ms;
        this.runDynamics(ms);
    }

    private runDynamics(dtMs: number): void {
        if (dtMs <= 0) return;
        for (const d of this.devices.values()) {
            for (const dyn of d.dynamics) {
                try {
                    dyn.step(dtMs);
                } catch {
                    this.bump(d, "internalErrors");
                }
            }
        }
    }

    restart(name: string): void {
        const d = this.device(name);
        d.startTime = this.now();
        d.engineBoots = Math.min(d.engineBoots + 1, MAX_INT32);
        for (const c of d.clocked) c.base = 0;
        d.tick(d.startTime);
    }

    warnings(name: string): readonly string[] {
        return this.device(name).warnings;
    }

    clearLog(): void {
        this.logEntries.length = 0;
    }

    get counters(): SimCounters {
        return snapshot(this.totals);
    }

    deviceCounters(name: string): SimCounters {
        return snapshot(this.device(name).counters);
    }

    async stop(): Promise<void> {
        this.stopped = true;
        if (this.interval) clearInterval(this.interval);
        this.interval = undefined;
        for (const t of this.timers) clearTimeout(t);
        this.timers.clear();
        const closing = this.listeners.map(
            (l) =>
                new Promise<void>((resolve) => {
                    try {
                        l.socket.close(() => resolve());
                    } catch {
                        resolve(); // already closed
                    }
                }),
        );
        this.listeners.length = 0;
        await Promise.all(closing);
    }
}

/** Start a simulator; resolves once every socket is listening. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
    const sim = new SimulatorImpl(options);
    await sim.start();
    return sim;
}

/**
 * Devices from `.snmprec` files and directories (searched recursively). The device name is the
 * file's base name; `name@ctx.snmprec` becomes the SNMPv3 context `ctx` of device `name`.
 * `defaults` are merged into every device (e.g. `{ dynamics: false }`).
 */
export function loadDevices(
    pathsOrDirs: readonly string[],
    defaults: Partial<Omit<SimDevice, "name">> = {},
): SimDevice[] {
    const files: string[] = [];
    const walk = (p: string): void => {
        const st = fs.statSync(p);
        if (st.isDirectory()) {
            for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name));
        } else if (p.endsWith(".snmprec")) {
            files.push(p);
        }
    };
    for (const p of pathsOrDirs) walk(p);
    const byName = new Map<string, SimDevice>();
    const origin = new Map<string, string>();
    const contexts: Array<{ name: string; ctx: string; file: string }> = [];
    for (const file of files) {
        const base = path.basename(file, ".snmprec");
        const at = base.indexOf("@");
        if (at > 0) {
            contexts.push({ name: base.slice(0, at), ctx: base.slice(at + 1), file });
            continue;
        }
        if (byName.has(base))
            throw new Error(`two recordings are named "${base}": ${origin.get(base)} and ${file}`);
        byName.set(base, { ...defaults, name: base, file });
        origin.set(base, file);
    }
    for (const c of contexts) {
        let d = byName.get(c.name);
        if (!d) {
            d = { ...defaults, name: c.name };
            byName.set(c.name, d);
        }
        d.contexts = { ...d.contexts, [c.ctx]: { file: c.file } };
    }
    return [...byName.values()];
}
