/**
 * Test helpers for the simulator: a promise wrapper around net-snmp's client (the sim tests talk
 * to the sim with an independent client), raw datagrams, and expected values from recordings.
 */
import assert from "node:assert/strict";
import dgram from "node:dgram";
import fs from "node:fs";
import path from "node:path";
import snmp from "net-snmp";
import { Tag } from "../../tools/sim/ber";
import type { Endpoint } from "../../tools/sim/index";
import { parseSnmprec, type SimRecord } from "../../tools/sim/snmprec";

export const FIXTURES = path.join(__dirname, "..", "fixtures");
export const RECORDINGS = path.join(__dirname, "..", "..", "..", "shared", "recordings");

export function fixture(rel: string): string {
    return path.join(FIXTURES, rel);
}

export function records(file: string): SimRecord[] {
    return parseSnmprec(fs.readFileSync(file, "utf8"), path.basename(file)).records;
}

export interface Vb {
    oid: string;
    type: number;
    value: unknown;
}

function plain(vb: snmp.Varbind): Vb {
    return { oid: vb.oid, type: Number(vb.type), value: vb.value };
}

export interface ClientOptions {
    timeout?: number;
    retries?: number;
}

/** One net-snmp session with promise methods. Always close() it. */
export class Client {
    readonly errors: unknown[] = [];

    private constructor(readonly session: snmp.Session) {
        // net-snmp emits 'error' for undecodable datagrams; an unhandled one would throw.
        session.on("error", (e: unknown) => this.errors.push(e));
    }

    static community(
        ep: Endpoint,
        version: "1" | "2c",
        o: ClientOptions = {},
        community = ep.community,
    ): Client {
        return new Client(
            snmp.createSession(ep.host, community, {
                port: ep.port,
                version: version === "1" ? snmp.Version1 : snmp.Version2c,
                timeout: o.timeout ?? 3000,
                retries: o.retries ?? 0,
            }),
        );
    }

    static v3(ep: Endpoint, user: snmp.User, o: ClientOptions & { context?: string } = {}): Client {
        return new Client(
            snmp.createV3Session(ep.host, user, {
                port: ep.port,
                timeout: o.timeout ?? 3000,
                retries: o.retries ?? 0,
                context: o.context ?? "",
            }),
        );
    }

    get(oids: string[]): Promise<Vb[]> {
        return new Promise((resolve, reject) => {
            this.session.get(oids, (err, vbs) => (err ? reject(err) : resolve((vbs ?? []).map(plain))));
        });
    }

    getNext(oids: string[]): Promise<Vb[]> {
        return new Promise((resolve, reject) => {
            this.session.getNext(oids, (err, vbs) => (err ? reject(err) : resolve((vbs ?? []).map(plain))));
        });
    }

    /** The response varbinds in wire order (net-snmp regroups them by column). */
    getBulk(oids: string[], nonRepeaters: number, maxRepetitions: number): Promise<Vb[]> {
        return new Promise((resolve, reject) => {
            this.session.getBulk(oids, nonRepeaters, maxRepetitions, (err, vbs) => {
                if (err) return reject(err);
                const list = vbs ?? [];
                const out: Vb[] = [];
                const n = Math.min(nonRepeaters, list.length);
                for (let i = 0; i < n; i++) out.push(plain(list[i] as snmp.Varbind));
                const columns = list.slice(n) as snmp.Varbind[][];
                const rows = Math.max(0, ...columns.map((c) => c.length));
                for (let r = 0; r < rows; r++) {
                    for (const c of columns) if (c[r]) out.push(plain(c[r]!));
                }
                resolve(out);
            });
        });
    }

    /** Every object under `oid` (GETBULK in v2c/v3, GETNEXT in v1). */
    walk(oid: string, maxRepetitions = 20): Promise<Vb[]> {
        return new Promise((resolve, reject) => {
            const out: Vb[] = [];
            this.session.subtree(
                oid,
                maxRepetitions,
                (vbs) => {
                    for (const vb of vbs) out.push(plain(vb));
                },
                (err) => (err ? reject(err) : resolve(out)),
            );
        });
    }

    set(varbinds: snmp.Varbind[]): Promise<Vb[]> {
        return new Promise((resolve, reject) => {
            this.session.set(varbinds, (err, vbs) => (err ? reject(err) : resolve((vbs ?? []).map(plain))));
        });
    }

    close(): void {
        this.session.close();
    }
}

/** Send one datagram and wait up to `waitMs` for one answer. */
export function sendRaw(port: number, datagram: Buffer, waitMs = 300): Promise<Buffer | undefined> {
    return new Promise((resolve) => {
        const socket = dgram.createSocket("udp4");
        const timer = setTimeout(() => {
            socket.close();
            resolve(undefined);
        }, waitMs);
        socket.on("message", (msg) => {
            clearTimeout(timer);
            socket.close();
            resolve(msg);
        });
        socket.send(datagram, port, "127.0.0.1");
    });
}

/** Compare a net-snmp varbind with a recorded value. */
export function assertSameValue(vb: Vb, r: SimRecord, where = vb.oid): void {
    assert.equal(vb.type, r.value.type, `type of ${where}`);
    const v = r.value;
    switch (v.type) {
        case Tag.OctetString:
        case Tag.Opaque:
            assert.ok(Buffer.isBuffer(vb.value), `${where} is a Buffer`);
            assert.equal(vb.value.toString("hex"), v.value.toString("hex"), `value of ${where}`);
            break;
        case Tag.IpAddress:
            assert.equal(vb.value, [...v.value].join("."), `value of ${where}`);
            break;
        case Tag.Oid:
            assert.equal(vb.value, netSnmpOidText(v.value), `value of ${where}`);
            break;
        case Tag.Counter64:
            assert.equal(
                BigInt(`0x${(vb.value as Buffer).toString("hex") || "0"}`),
                v.value,
                `value of ${where}`,
            );
            break;
        case Tag.Null:
            break;
        default:
            assert.equal(vb.value, v.value, `value of ${where}`);
    }
}

/**
 * An OID value as net-snmp's client prints it. Its BER reader (asn1-ber readOID) splits the first
 * sub-identifier as x = n / 40 without capping x at 2 (X.690 §8.19.4), so "2.594390768" arrives
 * as "14859771.8". The simulator encodes correctly; snmpbulkwalk reads such values right.
 */
export function netSnmpOidText(arcs: readonly number[]): string {
    if (arcs[0] === 2 && arcs[1]! >= 40) {
        const first = 80 + arcs[1]!;
        return [Math.floor(first / 40), first % 40, ...arcs.slice(2)].join(".");
    }
    return arcs.join(".");
}

export function isIncreasing(oids: readonly string[]): boolean {
    const parse = (s: string): number[] => s.split(".").map(Number);
    for (let i = 1; i < oids.length; i++) {
        const a = parse(oids[i - 1]!);
        const b = parse(oids[i]!);
        let c = 0;
        for (let k = 0; k < Math.min(a.length, b.length) && c === 0; k++) c = a[k]! - b[k]!;
        if (c === 0) c = a.length - b.length;
        if (c >= 0) return false;
    }
    return true;
}

export function sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
}
