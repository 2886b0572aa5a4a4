/**
 * Every vendor table, how a printer's maker is recognised, and which of its objects a poll reads.
 *
 * The maker is told first by the sysObjectID (its private enterprise number says whose MIBs the
 * agent speaks), else by a brand word that starts the printer's own strings. The vendor's
 * objects are read in a second request of the first poll, once the maker is known: identity
 * objects once, counters on every poll.
 */
import { isUnder } from "../../snmp/varbind";
import type { QueryPlan } from "../../snmp/query";
import type { CounterSource, ObjectRef, VendorProfile } from "./profile";
import { brother } from "./brother";
import { canon } from "./canon";
import { epson } from "./epson";
import { hp } from "./hp";
import { konicaMinolta } from "./konica-minolta";
import { kyocera } from "./kyocera";
import { lexmark } from "./lexmark";
import { oki } from "./oki";
import { dell, fujifilm, pantum, zebra } from "./others";
import { ricoh } from "./ricoh";
import { samsung } from "./samsung";
import { sharp } from "./sharp";
import { toshiba } from "./toshiba";
import { xerox } from "./xerox";

export type { CounterSource, ObjectRef, VendorProfile } from "./profile";

/** In order of preference when brand words of two makers could match (none do today). */
export const VENDORS: readonly VendorProfile[] = [
    hp,
    brother,
    canon,
    epson,
    kyocera,
    ricoh,
    xerox,
    lexmark,
    konicaMinolta,
    sharp,
    samsung,
    oki,
    toshiba,
    dell,
    fujifilm,
    pantum,
    zebra,
];

const ENTERPRISES = "1.3.6.1.4.1";

const BY_ENTERPRISE = new Map<number, VendorProfile>(
    VENDORS.flatMap((v) => v.enterprises.map((e): [number, VendorProfile] => [e, v])),
);

/** The private enterprise number of an OID under 1.3.6.1.4.1 (sysObjectID), or undefined. */
export function enterpriseOf(oid: string): number | undefined {
    if (!isUnder(oid, ENTERPRISES)) return undefined;
    const n = Number(oid.slice(ENTERPRISES.length + 1).split(".")[0]);
    return Number.isInteger(n) && n > 0 ? n : undefined;
}

export function vendorByEnterprise(oid: string): VendorProfile | undefined {
    const n = enterpriseOf(oid);
    return n === undefined ? undefined : BY_ENTERPRISE.get(n);
}

/** The maker whose brand word starts the text ("RICOH Aficio …", "ZebraNet …"), if any. */
export function vendorByBrand(text: string): VendorProfile | undefined {
    const t = text.trim();
    return t === "" ? undefined : VENDORS.find((v) => v.brands.test(t));
}

/** The objects of a vendor table a poll reads, split by how often they change. */
export interface VendorObjects {
    /** Identity instances (and label or type columns): read once, cached. */
    staticScalars: string[];
    staticColumns: string[];
    /** Counter instances and columns: read on every poll. */
    dynamicScalars: string[];
    dynamicColumns: string[];
}

function refOids(refs: readonly ObjectRef[] | undefined, scalars: Set<string>, columns: Set<string>): void {
    for (const r of refs ?? []) {
        if ("get" in r) scalars.add(r.get);
        else columns.add(r.walk);
    }
}

function counterOids(source: CounterSource, out: VendorObjects): void {
    if ("get" in source) out.dynamicScalars.push(source.get);
    else if ("sum" in source) out.dynamicScalars.push(...source.sum, ...(source.plus ?? []));
    else if ("blob" in source) out.dynamicScalars.push(source.blob);
    else {
        out.dynamicColumns.push(source.walk);
        if ("where" in source) out.staticColumns.push(...Object.keys(source.where));
        else out.staticColumns.push(source.label);
    }
}

const OBJECTS = new Map<VendorProfile, VendorObjects>();

export function vendorObjects(v: VendorProfile): VendorObjects {
    const known = OBJECTS.get(v);
    if (known !== undefined) return known;
    const scalars = new Set<string>();
    const columns = new Set<string>();
    for (const refs of [v.serial, v.model, v.firmware, v.deviceId]) refOids(refs, scalars, columns);
    const out: VendorObjects = {
        staticScalars: [...scalars],
        staticColumns: [...columns],
        dynamicScalars: [],
        dynamicColumns: [],
    };
    for (const sources of Object.values(v.pages ?? {})) for (const s of sources) counterOids(s, out);
    const unique = (xs: string[]) => Array.from(new Set(xs));
    const objects: VendorObjects = {
        staticScalars: unique(out.staticScalars),
        staticColumns: unique(out.staticColumns),
        dynamicScalars: unique(out.dynamicScalars),
        dynamicColumns: unique(out.dynamicColumns),
    };
    OBJECTS.set(v, objects);
    return objects;
}

/** The second request of a first poll: the vendor's objects, or undefined when it has none. */
export function vendorPlan(v: VendorProfile | undefined, maxRows: number): QueryPlan | undefined {
    if (v === undefined) return undefined;
    // The same plan for every printer of the maker (runQuery keeps what it works out per plan list).
    let byRows = PLANS.get(v);
    if (byRows === undefined) {
        byRows = new Map();
        PLANS.set(v, byRows);
    }
    if (byRows.has(maxRows)) return byRows.get(maxRows);
    const o = vendorObjects(v);
    const scalars = [...o.staticScalars, ...o.dynamicScalars];
    const columns = [...o.staticColumns, ...o.dynamicColumns];
    const plan = scalars.length + columns.length === 0 ? undefined : { scalars, columns, maxRows };
    if (byRows.size >= 16) byRows.clear();
    byRows.set(maxRows, plan);
    return plan;
}

const PLANS = new WeakMap<VendorProfile, Map<number, QueryPlan | undefined>>();
