/**
 * One simulated device: its stores (one per SNMPv3 context), counters, faults, seeded RNGs,
 * uptime and SNMPv3 engine (ID, boots, time, localised user keys), and the checks on its
 * configuration.
 */
import crypto from "node:crypto";
import type dgram from "node:dgram";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { Tag } from "./ber";
import { seededRng, type Dynamics, type Rng } from "./dynamics";
import type { MibStore } from "./store";
import type { Faults, SimCounters, SimDevice, V3User } from "./types";
import { AUTH, PRIV, localizeKey, privacyKey, type AuthProtocol, type PrivProtocol } from "./usm";

export const MAX_INT32 = 2147483647;
const SYS_UPTIME = [1, 3, 6, 1, 2, 1, 1, 3, 0];
const HR_SYSTEM_UPTIME = [1, 3, 6, 1, 2, 1, 25, 1, 1, 0];

export function newCounters(): SimCounters {
    return {
        requests: 0,
        responses: 0,
        bytesIn: 0,
        bytesOut: 0,
        dropped: 0,
        malformed: 0,
        badCommunity: 0,
        lost: 0,
        down: 0,
        errors: 0,
        reports: 0,
        unknownEngineIds: 0,
        unknownUserNames: 0,
        wrongDigests: 0,
        unsupportedSecLevels: 0,
        notInTimeWindows: 0,
        decryptionErrors: 0,
        unknownContexts: 0,
        internalErrors: 0,
        byType: {},
    };
}

export type NumericCounter = Exclude<keyof SimCounters, "byType">;

export function snapshot(c: SimCounters): SimCounters {
    return { ...c, byType: { ...c.byType } };
}

function hashSeed(seed: number, name: string): number {
    let h = seed >>> 0;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
    return h;
}

/** Loopback only: tests and the demo must never answer (or send) on a real network. */
export function assertLoopback(address: string): void {
    if (!net.isIPv4(address) || !address.startsWith("127.")) {
        throw new Error(
            `the simulator binds only to IPv4 loopback addresses (127.0.0.0/8), not "${address}"`,
        );
    }
}

export interface UserKeys {
    name: string;
    /** 0 noAuthNoPriv, 1 authNoPriv, 2 authPriv. */
    level: number;
    auth?: { protocol: AuthProtocol; key: Buffer };
    priv?: { protocol: PrivProtocol; key: Buffer };
}

export interface Listener {
    socket: dgram.Socket;
    address: string;
    port: number;
    byCommunity: Map<string, { device: Device; context: string }>;
    byEngine: Map<string, Device>;
    /** Devices answering v3 here; the first one answers engine discovery. */
    v3: Device[];
}

interface ClockedEntry {
    store: MibStore;
    oid: number[];
    base: number;
}

export class Device {
    readonly counters = newCounters();
    readonly rng: Rng;
    readonly lossRng: Rng;
    faults: Faults;
    listener!: Listener;
    readonly dynamics: Dynamics[] = [];
    readonly clocked: ClockedEntry[] = [];
    startTime: number;
    engineId?: Buffer;
    engineBoots = 1;
    private readonly userSpecs = new Map<string, V3User>();
    private readonly userKeys = new Map<string, UserKeys>();
    private salt: bigint;

    constructor(
        readonly spec: SimDevice,
        readonly community: string,
        readonly contexts: Map<string, MibStore>,
        readonly warnings: string[],
        seed: number,
        now: number,
    ) {
        this.rng = seededRng(hashSeed(seed, spec.name));
        this.lossRng = seededRng(hashSeed(seed ^ 0x5bd1e995, spec.name));
        this.faults = { ...spec.faults };
        this.startTime = now;
        this.salt = BigInt(hashSeed(seed, `salt:${spec.name}`)) << 32n;
        for (const store of contexts.values()) {
            for (const oid of [SYS_UPTIME, HR_SYSTEM_UPTIME]) {
                const e = store.get(oid);
                if (e && e.value.type === Tag.TimeTicks)
                    this.clocked.push({ store, oid, base: e.value.value });
            }
        }
        if (spec.v3) {
            this.engineId = spec.v3.engineId
                ? Buffer.from(spec.v3.engineId.replace(/^0x/i, ""), "hex")
                : defaultEngineId(spec.name);
            this.engineBoots = spec.v3.engineBoots ?? 1;
            for (const u of spec.v3.users) this.userSpecs.set(u.name, u);
        }
    }

    get name(): string {
        return this.spec.name;
    }

    /** Localised keys are computed on first use (one megabyte of hashing per key). */
    user(name: string): UserKeys | undefined {
        const cached = this.userKeys.get(name);
        if (cached) return cached;
        const u = this.userSpecs.get(name);
        if (!u || !this.engineId) return undefined;
        const keys: UserKeys = { name, level: 0 };
        if (u.authProtocol && u.authKey) {
            keys.auth = {
                protocol: u.authProtocol,
                key: localizeKey(u.authProtocol, u.authKey, this.engineId),
            };
            keys.level = 1;
            if (u.privProtocol && u.privKey) {
                keys.priv = {
                    protocol: u.privProtocol,
                    key: privacyKey(u.privProtocol, u.authProtocol, u.privKey, this.engineId),
                };
                keys.level = 2;
            }
        }
        this.userKeys.set(name, keys);
        return keys;
    }

    nextSalt(): bigint {
        this.salt = (this.salt + 1n) & 0xffffffffffffffffn;
        return this.salt;
    }

    engineClock(now: number): { boots: number; time: number } {
        return { boots: this.engineBoots, time: Math.max(0, Math.floor((now - this.startTime) / 1000)) };
    }

    /** sysUpTime and hrSystemUptime advance with the clock (TimeTicks are 1/100 s). */
    tick(now: number): void {
        const elapsed = Math.max(0, Math.floor((now - this.startTime) / 10));
        for (const c of this.clocked) {
            c.store.set(c.oid, { type: Tag.TimeTicks, value: (c.base + elapsed) % 2 ** 32 });
        }
    }
}

function defaultEngineId(name: string): Buffer {
    // RFC 3411 SnmpEngineID: enterprise (net-snmp's 8072) with the high bit, format 5 (octets).
    const hash = crypto.createHash("sha1").update(name).digest().subarray(0, 12);
    return Buffer.concat([Buffer.from([0x80, 0x00, 0x1f, 0x88, 0x05]), hash]);
}

export function readText(
    spec: { file?: string; records?: string },
    cache: Map<string, string>,
): { text: string; source: string } {
    if (spec.records !== undefined) return { text: spec.records, source: "records" };
    if (spec.file === undefined) return { text: "", source: "empty" };
    let text = cache.get(spec.file);
    if (text === undefined) {
        try {
            text = fs.readFileSync(spec.file, "utf8");
        } catch (err) {
            throw new Error(`cannot read the recording ${spec.file}: ${(err as Error).message}`, {
                cause: err,
            });
        }
        cache.set(spec.file, text);
    }
    return { text, source: path.basename(spec.file) };
}

export function validateV3(device: string, v3: NonNullable<SimDevice["v3"]>): void {
    if (v3.engineId !== undefined && !/^(0x)?([0-9a-f]{2}){5,32}$/i.test(v3.engineId)) {
        throw new Error(`device "${device}": engineId must be 5 to 32 octets in hex (RFC 3411)`);
    }
    const boots = v3.engineBoots;
    if (boots !== undefined && !(Number.isInteger(boots) && boots >= 0 && boots <= MAX_INT32)) {
        throw new Error(`device "${device}": engineBoots must be an integer from 0 to ${MAX_INT32}`);
    }
    for (const u of v3.users) validateUser(device, u);
}

function validateUser(device: string, u: V3User): void {
    const where = `device "${device}", v3 user "${u.name}"`;
    if (!u.name) throw new Error(`device "${device}": a v3 user needs a name`);
    if (u.authProtocol && !(u.authProtocol in AUTH))
        throw new Error(`${where}: unknown auth protocol ${u.authProtocol}`);
    if (u.privProtocol && !(u.privProtocol in PRIV))
        throw new Error(`${where}: unknown privacy protocol ${u.privProtocol}`);
    if (u.authProtocol && !u.authKey) throw new Error(`${where}: authProtocol needs an authKey`);
    if (u.privProtocol && !u.privKey) throw new Error(`${where}: privProtocol needs a privKey`);
    if (u.privProtocol && !u.authProtocol)
        throw new Error(`${where}: privacy needs authentication (RFC 3414)`);
}
