/**
 * Literal agent data for the printer unit tests: `.snmprec` lines (`OID|type|value`) turned into
 * the scalars and columns a query returns, so a test reads like the MIB objects it encodes.
 */
import type { QueryResult } from "../../nodes/lib/snmp/query";
import { VarType, type Varbind } from "../../nodes/lib/snmp/varbind";
import { COL, SYS } from "../../nodes/lib/printer/mib";

const COLUMNS = Object.values(COL).sort((a, b) => b.length - a.length);
const SCALARS = new Set<string>(Object.values(SYS));

function value(type: string, text: string): Varbind["value"] {
    switch (type) {
        case "4":
            return Buffer.from(text, "latin1");
        case "4x":
            return Buffer.from(text, "hex");
        case "6":
        case "64":
            return text;
        default:
            return Number(text);
    }
}

/** Parse `.snmprec` lines; blank lines and `#` comments are skipped. */
export function varbinds(text: string): Varbind[] {
    const out: Varbind[] = [];
    for (const raw of text.split("\n")) {
        const line = raw.trim();
        if (line === "" || line.startsWith("#")) continue;
        const [oid, type, ...rest] = line.split("|");
        if (oid === undefined || type === undefined) throw new Error(`bad line: ${line}`);
        const t = type === "4x" ? VarType.OctetString : Number(type);
        out.push({ oid, type: t, value: value(type, rest.join("|")) });
    }
    return out;
}

/** A query result holding these objects, sorted into the printer node's scalars and columns. */
export function result(text: string): QueryResult {
    const r: QueryResult = {
        scalars: new Map(),
        columns: new Map(),
        truncated: [],
        looping: [],
        failed: [],
        requests: 1,
    };
    for (const vb of varbinds(text)) {
        if (SCALARS.has(vb.oid)) {
            r.scalars.set(vb.oid, vb);
            continue;
        }
        const column = COLUMNS.find((c) => vb.oid.startsWith(`${c}.`));
        if (column === undefined) continue;
        let rows = r.columns.get(column);
        if (rows === undefined) {
            rows = new Map();
            r.columns.set(column, rows);
        }
        rows.set(vb.oid.slice(column.length + 1), vb);
    }
    return r;
}

/** Bytes as the hex an `.snmprec` `4x` value holds. */
export function hex(bytes: Buffer | string, encoding: BufferEncoding = "latin1"): string {
    return (typeof bytes === "string" ? Buffer.from(bytes, encoding) : bytes).toString("hex");
}

/** Shorthands for the OID prefixes tests write again and again. */
export const P = {
    sys: "1.3.6.1.2.1.1",
    hrDevice: "1.3.6.1.2.1.25.3.2.1",
    hrPrinter: "1.3.6.1.2.1.25.3.5.1",
    general: "1.3.6.1.2.1.43.5.1.1",
    localization: "1.3.6.1.2.1.43.7.1.1",
    input: "1.3.6.1.2.1.43.8.2.1",
    output: "1.3.6.1.2.1.43.9.2.1",
    marker: "1.3.6.1.2.1.43.10.2.1",
    supply: "1.3.6.1.2.1.43.11.1.1",
    colorant: "1.3.6.1.2.1.43.12.1.1",
    alert: "1.3.6.1.2.1.43.18.1.1",
    ricoh: "1.3.6.1.4.1.367.3.2.1.2.24.1.1",
} as const;
