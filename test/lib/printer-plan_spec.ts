/**
 * What a poll reads: discovery reads everything, the steady state only what changes, and the
 * signals that make the cache stale (RFC 3805 prtGeneralConfigChanges, a reboot, a row gone).
 */
import assert from "node:assert/strict";
import { PrinterCache } from "../../nodes/lib/printer/cache";
import { COL, DEVICE_ID, SYS } from "../../nodes/lib/printer/mib";
import {
    alertCountersMoved,
    alertMode,
    discoveryPlan,
    discoveryStreams,
    entryFromDiscovery,
    expired,
    objectsPerRequest,
    snapshotOf,
    staleReason,
    steadyPlan,
    steadyRead,
    varbindBytes,
} from "../../nodes/lib/printer/plan";
import { decodePrinter } from "../../nodes/lib/printer/decode";
import { compareOids } from "../../nodes/lib/snmp/varbind";
import { P, result } from "./printer-helpers";

const DISCOVERED = `
${P.sys}.1.0|4|ACME Laser
${P.sys}.3.0|67|5000
${P.sys}.5.0|4|laser-1
${P.hrDevice}.2.1|6|1.3.6.1.2.1.25.3.1.5
${P.hrDevice}.2.2|6|1.3.6.1.2.1.25.3.1.4
${P.hrDevice}.3.1|4|ACME Laser PCL
${P.hrDevice}.5.1|2|2
${P.hrDevice}.5.2|2|2
${P.hrPrinter}.1.1|2|3
${P.hrPrinter}.2.1|4x|00
${P.general}.1.1|65|7
${P.general}.19.1|65|12
${P.input}.9.1.1|2|250
${P.input}.10.1.1|2|100
${P.input}.13.1.1|4|Tray 1
${P.marker}.4.1.1|65|1234
${P.supply}.5.1.1|2|3
${P.supply}.6.1.1|4|Black Toner
${P.supply}.8.1.1|2|100
${P.supply}.9.1.1|2|40
`;

const now = 1_700_000_000_000;

describe("printer query plans", () => {
    it("reads in streams exactly what the discovery plan reads, each object once", () => {
        const plan = discoveryPlan(500);
        const streams = discoveryStreams(500);
        assert.deepEqual(streams[0]?.scalars, plan.scalars, "the scalars come first, alone");
        assert.equal(streams[0]?.columns, undefined);
        const columns = streams.slice(1).flatMap((s) => s.columns ?? []);
        assert.deepEqual([...columns].sort(), [...(plan.columns ?? [])].sort());
        assert.equal(new Set(columns).size, columns.length, "no column in two streams");
        assert.ok(streams.slice(1).every((s) => (s.columns ?? []).length > 0 && s.scalars === undefined));
        assert.ok(streams.every((s) => s.maxRows === 500));
    });

    it("reads every column in one discovery plan", () => {
        const plan = discoveryPlan(500);
        assert.deepEqual(plan.scalars, [
            SYS.descr,
            SYS.objectId,
            SYS.upTime,
            SYS.name,
            SYS.location,
            DEVICE_ID.gdStatusId,
        ]);
        for (const c of [
            COL.ppmDeviceId,
            COL.supplyLevel,
            COL.supplyDescription,
            COL.colorantValue,
            COL.alertCode,
            COL.inputName,
        ]) {
            assert.ok(plan.columns?.includes(c), c);
        }
        assert.equal(plan.maxRows, 500);
    });

    it("remembers static columns and reads only changing instances, by OID, in the steady state", () => {
        const entry = entryFromDiscovery(result(DISCOVERED), now);
        assert.ok(entry);
        assert.ok(entry.columns.has(COL.supplyDescription));
        assert.ok(!entry.columns.has(COL.supplyLevel), "levels are not cached");
        const plan = steadyPlan(entry, 500);
        assert.deepEqual(plan.scalars, [
            SYS.upTime,
            `${COL.hrDeviceStatus}.1`,
            `${COL.hrPrinterStatus}.1`,
            `${COL.hrPrinterDetectedErrorState}.1`,
            `${COL.configChanges}.1`,
            `${COL.alertAllEvents}.1`,
            `${COL.inputMax}.1.1`,
            `${COL.inputLevel}.1.1`,
            `${COL.markerLifeCount}.1.1`,
            `${COL.supplyMax}.1.1`,
            `${COL.supplyLevel}.1.1`,
        ]);
        assert.deepEqual(plan.columns, [], "no alert rows and a counter to watch: no alert walk");
    });

    it("walks the alert table when it had rows, and probes one column when the agent has no alert counters", () => {
        const withRows = entryFromDiscovery(
            result(`${DISCOVERED}\n${P.alert}.2.1.1|2|4\n${P.alert}.7.1.1|2|1104`),
            now,
        );
        assert.ok(withRows);
        assert.equal(alertMode(withRows), "walk");
        assert.equal(steadyPlan(withRows, 10).columns?.length, 5);
        const noCounters = entryFromDiscovery(
            result(DISCOVERED.replace(/^.*43\.5\.1\.1\.19\.1.*$/m, "")),
            now,
        );
        assert.ok(noCounters);
        assert.equal(alertMode(noCounters), "probe");
        assert.deepEqual(steadyPlan(noCounters, 10).columns, [COL.alertSeverity]);
    });

    it("says the cache is stale after a reboot, a configuration change or a vanished row", () => {
        const entry = entryFromDiscovery(result(DISCOVERED), now);
        assert.ok(entry);
        const steady = (extra: string, drop?: RegExp) => {
            const lines = DISCOVERED.split("\n").filter((l) => drop === undefined || !drop.test(l));
            const r = result(`${lines.join("\n")}\n${extra}`);
            // A steady-state read returns instances as scalars.
            for (const [column, rows] of r.columns) {
                for (const [index, vb] of rows) r.scalars.set(`${column}.${index}`, vb);
            }
            return r;
        };
        assert.equal(staleReason(entry, steady("")), undefined);
        assert.equal(staleReason(entry, steady(`${P.sys}.3.0|67|100`, /1\.1\.3\.0/)), "reboot");
        assert.equal(
            staleReason(entry, steady(`${P.general}.1.1|65|8`, /43\.5\.1\.1\.1\.1/)),
            "prtGeneralConfigChanges",
        );
        assert.match(
            staleReason(entry, steady("", /43\.8\.2\.1\.10\.1\.1/)) ?? "",
            /row gone \(inputLevel\.1\.1\)/,
        );
        assert.equal(alertCountersMoved(entry, steady("")), false);
        assert.equal(
            alertCountersMoved(entry, steady(`${P.general}.19.1|65|13`, /43\.5\.1\.1\.19\.1/)),
            true,
        );
    });

    describe("the steady read of a printer with many supplies", () => {
        const rows = Array.from({ length: 8 }, (_, i) => i + 1);
        const MANY = [
            DISCOVERED,
            ...rows.map((i) => `${P.supply}.6.1.${i}|4|Supply ${i}`),
            ...rows.map((i) => `${P.supply}.8.1.${i}|2|100`),
            ...rows.map((i) => `${P.supply}.9.1.${i}|2|${10 * i}`),
        ].join("\n");
        const limits = { maxRows: 500, maxRepetitions: 25, maxMessageSize: 1472, v3: false };

        it("reads the supply capacities and levels with cursors at known instances, and names one-row columns", () => {
            const entry = entryFromDiscovery(result(MANY), now);
            assert.ok(entry);
            const read = steadyRead(entry, limits);
            assert.deepEqual(
                read.ranges.map((r) => r.columns),
                [[COL.supplyMax, COL.supplyLevel]],
            );
            const windows = read.plan.windows ?? [];
            // Sixteen objects and one past the end: one cursor.
            assert.deepEqual(windows, [{ after: COL.supplyMax, count: 17, end: `${P.supply}.10` }]);
            assert.equal(read.maxRepetitions, 17);
            assert.ok(read.plan.scalars?.includes(`${COL.inputLevel}.1.1`), "one-row columns by name");
            assert.ok(!read.plan.scalars?.some((o) => o.startsWith(`${COL.supplyLevel}.`)));
            const objects = (read.plan.scalars?.length ?? 0) + windows.length;
            assert.ok(objects <= 14, `${objects} objects in the request, against 25 named instances`);
            assert.equal(steadyRead(entry, limits), read, "worked out once per device");
        });

        it("shares one read between printers that list the same rows, and only them", () => {
            const a = entryFromDiscovery(result(MANY), now);
            const b = entryFromDiscovery(result(MANY), now);
            const fewer = entryFromDiscovery(result(MANY.replace(`${P.supply}.8.1.3|2|100`, "")), now);
            assert.ok(a && b && fewer);
            const read = steadyRead(a, limits);
            assert.equal(steadyRead(b, limits), read, "same rows, same limits: one read");
            const other = steadyRead(fewer, limits);
            assert.notEqual(other, read);
            const expected = (r: typeof read) => r.ranges.flatMap((range) => range.expected);
            assert.ok(expected(read).includes(`${COL.supplyMax}.1.3`));
            assert.ok(!expected(other).includes(`${COL.supplyMax}.1.3`));
            const smaller = steadyRead(b, { ...limits, maxRepetitions: 5 });
            assert.notEqual(smaller, read);
            assert.equal(smaller.maxRepetitions, 5);
            assert.equal(steadyRead(a, limits), read, "the first printer keeps its read");
        });

        it("keeps no shared read for an agent that lists thousands of rows", () => {
            const many = Array.from({ length: 2000 }, (_, i) => i + 1);
            const text = [DISCOVERED, ...many.map((i) => `${P.supply}.9.1.${i}|2|50`)].join("\n");
            const a = entryFromDiscovery(result(text), now);
            const b = entryFromDiscovery(result(text), now);
            assert.ok(a && b);
            const read = steadyRead(a, limits);
            assert.ok(read.ranges.some((r) => r.expected.length >= 2000));
            assert.notEqual(steadyRead(b, limits), read, "each keeps its own");
            assert.equal(steadyRead(a, limits), read);
        });

        it("places more cursors at known instances when max-repetitions is smaller", () => {
            const entry = entryFromDiscovery(result(MANY), now);
            assert.ok(entry);
            const read = steadyRead(entry, { ...limits, maxRepetitions: 5 });
            assert.equal(read.maxRepetitions, 5);
            assert.deepEqual(
                read.plan.windows?.map((w) => w.after),
                [COL.supplyMax, `${COL.supplyMax}.1.5`, `${COL.supplyLevel}.1.2`, `${COL.supplyLevel}.1.7`],
            );
        });

        it("names every instance without GETBULK (SNMPv1) or when max-repetitions is 1", () => {
            for (const l of [
                { ...limits, bulk: false },
                { ...limits, maxRepetitions: 1 },
            ]) {
                const entry = entryFromDiscovery(result(MANY), now);
                assert.ok(entry);
                const read = steadyRead(entry, l);
                assert.deepEqual(read.plan.windows, []);
                assert.ok(read.plan.scalars?.includes(`${COL.supplyLevel}.1.8`));
            }
        });

        for (const reps of [limits.maxRepetitions, 5, 2])
            it(`says the cache is stale when a range gained or lost a row (max-repetitions ${reps})`, () => {
                const entry = entryFromDiscovery(result(MANY), now);
                assert.ok(entry);
                const read = steadyRead(entry, { ...limits, maxRepetitions: reps });
                if (reps < 9) assert.ok((read.plan.windows?.length ?? 0) > 2, "several cursors per range");
                /** What the agent answers to the read when it holds these objects. */
                const steady = (text: string) => {
                    const r = result(text);
                    const all = [...r.columns].flatMap(([column, cells]) =>
                        [...cells].map(([index, vb]) => ({ ...vb, oid: `${column}.${index}` })),
                    );
                    all.sort((a, b) => compareOids(a.oid, b.oid));
                    for (const vb of all) r.scalars.set(vb.oid, vb);
                    // Each cursor: the next `count` objects, up to the first at or past the range's end.
                    r.windows = (read.plan.windows ?? []).map((w) => {
                        const next = all.filter((vb) => compareOids(vb.oid, w.after) > 0).slice(0, w.count);
                        const inside = next.filter((vb) => compareOids(vb.oid, w.end) < 0);
                        return {
                            varbinds: inside,
                            reachedEnd: inside.length < next.length || next.length < w.count,
                        };
                    });
                    return r;
                };
                assert.equal(staleReason(entry, steady(MANY)), undefined);
                const added = staleReason(
                    entry,
                    steady(`${MANY}\n${P.supply}.9.1.9|2|5\n${P.supply}.8.1.9|2|100`),
                );
                const gone = staleReason(entry, steady(MANY.replace(`${P.supply}.8.1.3|2|100`, "")));
                if (reps === limits.maxRepetitions) {
                    assert.equal(added, "row added (supplyMax.1.9)");
                    assert.equal(gone, "row gone (supplyMax.1.3)");
                } else {
                    // A row added early in a range moves the rows after it past their cursor, which
                    // then misses one: either way the cache is stale and the printer read afresh.
                    assert.match(added ?? "", /^row (added|gone) \(supply(Max|Level)\.1\.\d\)$/);
                    assert.match(gone ?? "", /^row gone \(supply(Max|Level)\.1\.\d\)$/);
                }
            });
    });

    it("trusts the cache of an agent without prtGeneralConfigChanges for one day", () => {
        const withCounter = entryFromDiscovery(result(DISCOVERED), now);
        const without = entryFromDiscovery(result(DISCOVERED.replace(/^.*43\.5\.1\.1\.1\.1\|.*$/m, "")), now);
        assert.ok(withCounter && without);
        const day = 24 * 3600_000;
        assert.equal(expired(without, now + day - 1), false);
        assert.equal(expired(without, now + day), true);
        assert.equal(expired(withCounter, now + 30 * day), false, "the counter says when to re-read");
    });

    it("decodes a steady-state read the same way as the discovery it follows", () => {
        const discovered = result(DISCOVERED);
        const entry = entryFromDiscovery(discovered, now);
        assert.ok(entry);
        const fresh = result(DISCOVERED.replace(`${P.supply}.9.1.1|2|40`, `${P.supply}.9.1.1|2|39`));
        for (const [column, rows] of fresh.columns) {
            for (const [index, vb] of rows) fresh.scalars.set(`${column}.${index}`, vb);
        }
        const opts = { lowLevel: 10, invertReceptacles: false, now };
        const first = decodePrinter(discovered, opts);
        const second = decodePrinter(snapshotOf(entry, fresh, undefined), opts);
        assert.equal(second.supplies[0]?.percent, 39);
        assert.deepEqual({ ...second, supplies: [] }, { ...first, supplies: [] });
        assert.equal(second.supplies[0]?.name, "Black Toner");
    });

    it("refuses to cache a device without printer data", () => {
        assert.equal(entryFromDiscovery(result(`${P.sys}.1.0|4|Linux nas`), now), undefined);
    });

    it("sizes requests so that the answer fits the agent's message size", () => {
        assert.equal(varbindBytes(`${COL.supplyLevel}.1.10`), 22, "a 14-byte OID, a small value, framing");
        const oids = Array.from({ length: 100 }, (_, i) => `${COL.supplyLevel}.1.${i + 1}`);
        const n = objectsPerRequest(oids, 1472, false);
        assert.ok(n * 22 <= 1472 - 60 && n >= 50, String(n));
        assert.ok(objectsPerRequest(oids, 1472, true) < n, "SNMPv3 framing takes more room");
        assert.equal(objectsPerRequest([], 1472, false), 1);
    });

    it("keeps at most its capacity of devices, dropping the one polled longest ago", () => {
        const cache = new PrinterCache(2);
        const entry = entryFromDiscovery(result(DISCOVERED), now);
        assert.ok(entry);
        cache.set("a:161", entry);
        cache.set("b:161", entry);
        cache.get("a:161");
        cache.set("c:161", entry);
        assert.equal(cache.size, 2);
        assert.ok(cache.get("a:161"));
        assert.equal(cache.get("b:161"), undefined);
    });
});
