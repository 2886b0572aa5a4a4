/**
 * The objects that confirm a profile: its probe and the other objects that may stand in for it
 * (another firmware generation, another enterprise tree, a count column where the probe is a
 * scalar). Detection asks for all of them at once; every poll asks again for the profile's own,
 * so that a replaced device is noticed.
 */
import type { QueryResult } from "../snmp/query";
import type { ApProfile, ProbeObject } from "./types";

/** Every object that confirms `profile`, its main probe first. */
export function probeObjects(profile: ApProfile): ProbeObject[] {
    const d = profile.detect;
    const main: ProbeObject = { oid: d.probe, name: d.probeName };
    if (d.probeInstance) main.instance = true;
    if (d.probeNotACount) main.notACount = true;
    if (d.probeSignatureOnly) main.signatureOnly = true;
    return [main, ...(d.alsoProbe ?? [])];
}

/** Where a probe object sits in a query plan: a scalar instance, or a column to walk. */
export function probeTarget(p: ProbeObject): { scalar: string } | { column: string } {
    return p.instance ? { scalar: p.oid } : { column: p.oid };
}

/** True when `p` answered in `result` (a scalar object answers at `.0` or as a column). */
export function probeObjectAnswered(p: ProbeObject, result: QueryResult): boolean {
    if (p.instance) return result.scalars.has(p.oid);
    if (result.scalars.has(`${p.oid}.0`)) return true;
    return (result.columns.get(p.oid)?.size ?? 0) > 0;
}

/** True when any object that confirms `profile` answered in `result`. */
export function profileAnswered(profile: ApProfile, result: QueryResult): boolean {
    return probeObjects(profile).some((p) => probeObjectAnswered(p, result));
}

/** Scalars and columns that carry the probe objects of `profiles`, without duplicates. */
export function probePlanParts(profiles: readonly ApProfile[]): { scalars: string[]; columns: string[] } {
    const scalars = new Set<string>();
    const columns = new Set<string>();
    for (const profile of profiles) {
        for (const p of probeObjects(profile)) {
            const t = probeTarget(p);
            if ("scalar" in t) scalars.add(t.scalar);
            else columns.add(t.column);
        }
    }
    return { scalars: Array.from(scalars), columns: Array.from(columns) };
}
