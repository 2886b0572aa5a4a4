/**
 * The one request a scan sends to each address: a GetNextRequest (RFC 3416 §4.2.2) for the four
 * MIB-II system objects, one Printer-MIB object and one wireless object. GETNEXT rather than GET
 * because the two probe objects have no fixed instance: the successor of prtGeneralPrinterName
 * (RFC 3805) is that column's first row, or the next Printer-MIB object when the printer does not
 * keep a name, or something outside the Printer-MIB when the device has none; the successor of
 * the IEEE802dot11-MIB root is its first object or something outside it.
 *
 * An agent whose GETNEXT is broken for MIB-II system (it skips or ends the walk there, as snmpsimd
 * does on a recording whose lines are out of order) but that answered gets a second request: a
 * GET of the four system scalars, so that it is still classified by its sysObjectID and sysDescr.
 */
import { SnmpError } from "../snmp/errors";
import { predecessor, type SnmpTransport } from "../snmp/query";
import { asOid, asText, isException, isUnder, type Varbind } from "../snmp/varbind";
import { SYS } from "../printer/mib";

/** Printer-MIB (RFC 3805): mib-2 43. */
export const PRINTER_MIB = "1.3.6.1.2.1.43";
/** prtGeneralPrinterName, the model name a Printer-MIB v2 printer keeps per hrDevice. */
export const PRT_GENERAL_PRINTER_NAME = "1.3.6.1.2.1.43.5.1.1.16";
/** IEEE802dot11-MIB (IEEE 802.11 Annex D): iso(1) member-body(2) us(840) ieee802dot11(10036). */
export const DOT11_MIB = "1.2.840.10036";

/** What the probe sends through: an SNMP session (GETNEXT, and GET for the fallback). */
export interface ProbeTransport extends SnmpTransport {
    get(oids: readonly string[], signal?: AbortSignal): Promise<Varbind[]>;
}

/** What one address said to the probe. Device strings are untrusted text, cut to a sane length. */
export interface Sighting {
    descr?: string;
    objectId?: string;
    name?: string;
    location?: string;
    /** Something in the Printer-MIB answered. */
    printerMib: boolean;
    /** prtGeneralPrinterName of the first printer, when kept. */
    printerName?: string;
    /** Something in the IEEE802dot11-MIB answered. */
    dot11: boolean;
}

/** Longest device string kept (sysDescr may be long; nothing here needs more). */
export const MAX_TEXT = 255;

type Field = "descr" | "objectId" | "name" | "location" | "printer" | "dot11";

/** The GETNEXT starting points, in request order. */
export const PROBE_OIDS: Readonly<Record<Field, string>> = {
    descr: predecessor(SYS.descr),
    objectId: predecessor(SYS.objectId),
    name: predecessor(SYS.name),
    location: predecessor(SYS.location),
    printer: PRT_GENERAL_PRINTER_NAME,
    dot11: DOT11_MIB,
};

function text(vb: Varbind | undefined): string | undefined {
    const t = asText(vb);
    if (t === undefined || t === "") return undefined;
    return t.length > MAX_TEXT ? t.slice(0, MAX_TEXT) : t;
}

/** Read the answers: a scalar counts only when the agent returned exactly its instance. */
export function readSighting(answers: ReadonlyMap<Field, Varbind>): Sighting {
    const exact = (field: Field, instance: string): Varbind | undefined => {
        const vb = answers.get(field);
        return vb !== undefined && !isException(vb) && vb.oid === instance ? vb : undefined;
    };
    const inside = (field: Field, root: string): Varbind | undefined => {
        const vb = answers.get(field);
        return vb !== undefined && !isException(vb) && isUnder(vb.oid, root) ? vb : undefined;
    };
    const s: Sighting = { printerMib: false, dot11: false };
    const descr = text(exact("descr", SYS.descr));
    const objectIdVb = exact("objectId", SYS.objectId);
    const objectId = asOid(objectIdVb) ?? text(objectIdVb);
    const name = text(exact("name", SYS.name));
    const location = text(exact("location", SYS.location));
    if (descr !== undefined) s.descr = descr;
    if (objectId !== undefined) s.objectId = objectId.replace(/^\./, "");
    if (name !== undefined) s.name = name;
    if (location !== undefined) s.location = location;
    const printer = inside("printer", PRINTER_MIB);
    if (printer !== undefined) {
        s.printerMib = true;
        if (isUnder(printer.oid, PRT_GENERAL_PRINTER_NAME)) {
            const model = text(printer);
            if (model !== undefined) s.printerName = model;
        }
    }
    s.dot11 = inside("dot11", DOT11_MIB) !== undefined;
    return s;
}

/**
 * Send the probe. Rejects with the transport's {@link SnmpError} when nothing answers (timeout,
 * wrong community, v3 refused). An SNMPv1 agent answers noSuchName for a whole request when one
 * object has no successor (RFC 1157 §4.1.3): that object is dropped and the rest asked again.
 */
export async function probe(t: ProbeTransport, signal?: AbortSignal): Promise<Sighting> {
    let fields = Object.keys(PROBE_OIDS) as Field[];
    const answers = new Map<Field, Varbind>();
    while (fields.length > 0) {
        try {
            const vbs = await t.getNext(
                fields.map((f) => PROBE_OIDS[f]),
                signal,
            );
            fields.forEach((f, i) => {
                const vb = vbs[i];
                if (vb !== undefined) answers.set(f, vb);
            });
            break;
        } catch (err) {
            if (!(err instanceof SnmpError) || err.code !== "agent") throw err;
            // The agent answered, so it is there; drop what it objects to and ask for the rest.
            const named = fields.find((f) => PROBE_OIDS[f] === err.oid);
            fields = named !== undefined ? fields.filter((f) => f !== named) : fields.slice(0, -1);
        }
    }
    const sighting = readSighting(answers);
    if (sighting.descr === undefined || sighting.objectId === undefined) {
        await askSystemAgain(t, answers, signal);
        return readSighting(answers);
    }
    return sighting;
}

const SYSTEM_SCALARS: readonly [Field, string][] = [
    ["descr", SYS.descr],
    ["objectId", SYS.objectId],
    ["name", SYS.name],
    ["location", SYS.location],
];

/** GET the system scalars the GETNEXT did not bring back; an agent that refuses keeps what it said. */
async function askSystemAgain(
    t: ProbeTransport,
    answers: Map<Field, Varbind>,
    signal: AbortSignal | undefined,
): Promise<void> {
    const missing = SYSTEM_SCALARS.filter(([f, oid]) => answers.get(f)?.oid !== oid);
    try {
        const vbs = await t.get(
            missing.map(([, oid]) => oid),
            signal,
        );
        missing.forEach(([f], i) => {
            const vb = vbs[i];
            if (vb !== undefined && !isException(vb)) answers.set(f, vb);
        });
    } catch (err) {
        if (err instanceof SnmpError && err.code === "cancelled") throw err;
        // noSuchName from an SNMPv1 agent, or no answer this time: the GETNEXT answer stands.
    }
}
