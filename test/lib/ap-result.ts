/**
 * For the pure access point tests: a recording (snmprec text) and a query plan give the
 * QueryResult a complete walk would give. This stands in for the device only where the code
 * under test is pure decoding; everything that talks SNMP is tested against the simulator.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { QueryPlan, QueryResult } from "../../nodes/lib/snmp/query";
import { compareOids, isUnder, VarType, type Varbind } from "../../nodes/lib/snmp/varbind";

export const WIRELESS_FIXTURES = join(__dirname, "..", "fixtures", "wireless");

export function fixtureText(name: string): string {
    return readFileSync(join(WIRELESS_FIXTURES, `${name}.snmprec`), "utf8");
}

/** Parse snmprec text into varbinds sorted by OID (types used by our fixtures). */
export function parseRecords(text: string): Varbind[] {
    const out: Varbind[] = [];
    for (const line of text.split(/\r?\n/)) {
        if (line === "" || line.startsWith("#")) continue;
        const a = line.indexOf("|");
        const b = line.indexOf("|", a + 1);
        if (a < 0 || b < 0) continue;
        const oid = line.slice(0, a).replace(/^\./, "");
        const type = line.slice(a + 1, b);
        const raw = line.slice(b + 1);
        switch (type) {
            case "2":
            case "65":
            case "66":
            case "67":
                out.push({ oid, type: Number(type), value: Number(raw) });
                break;
            case "70":
                out.push({ oid, type: VarType.Counter64, value: Number(raw) });
                break;
            case "4":
                out.push({ oid, type: VarType.OctetString, value: Buffer.from(raw, "utf8") });
                break;
            case "4x":
                out.push({ oid, type: VarType.OctetString, value: Buffer.from(raw, "hex") });
                break;
            case "6":
                out.push({ oid, type: VarType.OID, value: raw.replace(/^\./, "") });
                break;
            case "64":
                out.push({ oid, type: VarType.IpAddress, value: raw });
                break;
            default:
                throw new Error(`fixture type ${type} not handled here`);
        }
    }
    return out.sort((x, y) => compareOids(x.oid, y.oid));
}

/** What runQuery returns for `plan` on a device holding `records`. */
export function resultFor(records: Varbind[], plan: QueryPlan): QueryResult {
    const result: QueryResult = {
        scalars: new Map(),
        columns: new Map(),
        truncated: [],
        looping: [],
        failed: [],
        requests: 0,
    };
    const maxRows = plan.maxRows ?? 10_000;
    for (const s of plan.scalars ?? []) {
        const vb = records.find((r) => r.oid === s);
        if (vb) result.scalars.set(s, vb);
    }
    for (const c of plan.columns ?? []) {
        const rows = new Map<string, Varbind>();
        for (const r of records) {
            if (!isUnder(r.oid, c)) continue;
            if (rows.size >= maxRows) {
                result.truncated.push(c);
                break;
            }
            rows.set(r.oid.slice(c.length + 1), r);
        }
        result.columns.set(c, rows);
    }
    return result;
}
