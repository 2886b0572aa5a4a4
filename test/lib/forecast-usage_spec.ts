// The usage report (supply-forecast topic "usage"): pages per printer today, this week, this
// month and over the last 30 days, from printer-supplies messages with known page counts.
// Times are local (a day starts at the server's midnight), so they are built with local dates.
import assert from "node:assert/strict";
import { ForecastEngine } from "../../nodes/lib/forecast/engine";
import { emptyState, loadState } from "../../nodes/lib/forecast/state";
import type { UsageReport } from "../../nodes/lib/forecast/usage";

const HOUR = 3_600_000;

interface Counts {
    total?: number;
    mono?: number;
    colour?: number;
}

interface PrinterOptions {
    host?: string;
    device?: string;
    serial?: string | null;
    /** Left out of `pages`: the printer gives only prtMarkerLifeCount. */
    pageCountOnly?: boolean;
    supplies?: Array<Record<string, unknown>>;
}

const BLACK = { id: "1.1", name: "Black Cartridge HP CF410X", level: 60, max: 100, percent: 60, state: "ok" };

/** A printer-supplies device message with these counters. */
function message(time: number, counts: Counts, o: PrinterOptions = {}): Record<string, unknown> {
    const pages: Record<string, number> = {};
    for (const [k, v] of Object.entries(counts) as Array<[string, number | undefined]>)
        if (v !== undefined) pages[k] = v;
    return {
        device: o.device ?? "Office 2F",
        host: o.host ?? "192.0.2.10",
        reachable: true,
        time: new Date(time).toISOString(),
        model: "Color LaserJet M555",
        vendor: "HP",
        serial: o.serial === undefined ? "JPBCS4B0FD" : o.serial,
        firmware: "2510181_066580",
        supplies: o.supplies ?? [BLACK],
        trays: [],
        pageCount: counts.total ?? null,
        pages: o.pageCountOnly === true ? {} : pages,
    };
}

/**
 * A colour printer polled hourly from `from` to `to` (local times). Between 09:00 and 17:00 each
 * hour prints 50 mono and 10 colour pages, so a whole day is 400 mono and 80 colour and nothing
 * is printed around midnight (the periods' edges are then exact whatever the time zone).
 */
function office(
    engine: ForecastEngine,
    from: Date,
    to: Date,
    start: Counts = { mono: 1000, colour: 200 },
    options: PrinterOptions = {},
    change?: (time: number, counts: Required<Counts>) => Partial<PrinterOptions> | void,
): Required<Counts> {
    const c = { mono: start.mono ?? 0, colour: start.colour ?? 0, total: 0 };
    let opts = options;
    for (let t = from.getTime(); t <= to.getTime(); t += HOUR) {
        const hour = new Date(t).getHours();
        if (hour >= 10 && hour <= 17) {
            c.mono += 50;
            c.colour += 10;
        }
        c.total = c.mono + c.colour;
        const more = change?.(t, c);
        if (more) opts = { ...opts, ...more };
        const r = engine.update(message(t, { ...c }, opts), t);
        assert.equal(r.kind, "forecast");
    }
    return c;
}

function only(report: UsageReport, host = "192.0.2.10"): UsageReport["printers"][number] {
    const p = report.printers.find((x) => x.host === host);
    assert.ok(p, `no printer ${host} in ${JSON.stringify(report.printers.map((x) => x.host))}`);
    return p;
}

const counts = (p: { total: number | null; mono: number | null; colour: number | null }) => ({
    total: p.total,
    mono: p.mono,
    colour: p.colour,
});

describe("usage report", function () {
    // Wednesday 18 March 2026, 20:00 local; history from 20 January.
    const now = new Date(2026, 2, 18, 20);
    const day = { mono: 400, colour: 80, total: 480 };

    it("counts pages today, this week (from Monday), this month and over the last 30 days, mono and colour", function () {
        const engine = new ForecastEngine(emptyState());
        office(engine, new Date(2026, 0, 20), now);
        const report = engine.usage(now.getTime(), 30);
        const p = only(report);
        assert.deepEqual(counts(p.today), day);
        assert.equal(p.today.from, new Date(2026, 2, 18).toISOString());
        // Monday 16th, Tuesday 17th and today.
        assert.deepEqual(counts(p.week), { mono: 3 * 400, colour: 3 * 80, total: 3 * 480 });
        assert.equal(p.week.from, new Date(2026, 2, 16).toISOString());
        // 1st to 18th March.
        assert.deepEqual(counts(p.month), { mono: 18 * 400, colour: 18 * 80, total: 18 * 480 });
        // 30 days back from 20:00 is 20:00 (± an hour of daylight saving) on 16 February, after
        // that day's printing: 17 February to today. That start lies in the daily tier (one count
        // per UTC day), exact to the day: where the printing hours straddle midnight UTC, part of
        // 16 February may count too.
        const last30 = p.last30Days.mono as number;
        assert.ok(last30 >= 30 * 400 && last30 <= 31 * 400, `last 30 days: ${last30} mono pages`);
        if (new Date(2026, 1, 16).getTimezoneOffset() === 0)
            assert.deepEqual(counts(p.last30Days), { mono: 30 * 400, colour: 30 * 80, total: 30 * 480 });
        assert.equal(report.count, 1);
        assert.deepEqual(counts(report.totals.month), counts(p.month));
    });

    it("a counter that goes back (NVRAM reset) or a new board's count (new serial) never gives negative or made-up usage", function () {
        const engine = new ForecastEngine(emptyState());
        const resetAt = new Date(2026, 2, 10, 3).getTime();
        const boardAt = new Date(2026, 2, 14, 3).getTime();
        office(engine, new Date(2026, 1, 20), now, { mono: 50_000, colour: 9_000 }, {}, (t, c) => {
            if (t === resetAt) {
                // NVRAM reset: the counters start again from a few pages.
                c.mono = 12;
                c.colour = 3;
                c.total = 15;
            }
            if (t === boardAt) {
                // A replaced controller board, used, with its own (higher) counts and serial.
                c.mono = 800_000;
                c.colour = 90_000;
                c.total = 890_000;
                return { serial: "CNB9K00001" };
            }
            return undefined;
        });
        const p = only(engine.usage(now.getTime(), 30));
        assert.deepEqual(counts(p.month), { mono: 18 * 400, colour: 18 * 80, total: 18 * 480 });
        assert.deepEqual(counts(p.week), { mono: 3 * 400, colour: 3 * 80, total: 3 * 480 });
        assert.equal(p.serial, "CNB9K00001");
        // The counters as the printer now reports them: 14th to 18th March printed on the new board.
        assert.deepEqual(p.pages, {
            total: 890_000 + 5 * 480,
            mono: 800_000 + 5 * 400,
            colour: 90_000 + 5 * 80,
        });
    });

    it("a lone 0 from a printer that had counted pages is a failed read, not a reset", function () {
        const engine = new ForecastEngine(emptyState());
        office(engine, new Date(2026, 2, 1), now);
        const later = now.getTime() + HOUR / 2;
        engine.update(message(later, { total: 0, mono: 0, colour: 0 }), later);
        const p = only(engine.usage(later, 30));
        assert.deepEqual(counts(p.today), day);
        assert.deepEqual(p.pages, { total: 1200 + 18 * 480, mono: 1000 + 18 * 400, colour: 200 + 18 * 80 });
    });

    it("says when counting began inside a period, and gives null for counters the printer does not have", function () {
        const engine = new ForecastEngine(emptyState());
        // A mono printer with only prtMarkerLifeCount, first seen on Tuesday at 08:00.
        const first = new Date(2026, 2, 17, 8);
        for (let t = first.getTime(), n = 5000; t <= now.getTime(); t += HOUR, n += 20) {
            const m = message(
                t,
                { total: n },
                { host: "192.0.2.20", device: "Reception", pageCountOnly: true },
            );
            engine.update(m, t);
        }
        const p = only(engine.usage(now.getTime(), 30), "192.0.2.20");
        assert.deepEqual(counts(p.week), { total: 36 * 20, mono: null, colour: null });
        assert.equal(p.week.from, first.toISOString());
        assert.equal(p.month.from, first.toISOString());
        // The poll at 00:00 counts the pages printed since 23:00 (a count is known at the end of
        // its hour): 21 polls today.
        assert.deepEqual(counts(p.today), { total: 21 * 20, mono: null, colour: null });
        assert.equal(p.today.from, new Date(2026, 2, 18).toISOString());
    });

    it("lists the fleet: name, vendor, model, serial, pages and the supplies to order", function () {
        const engine = new ForecastEngine(emptyState());
        const low = [
            BLACK,
            {
                id: "1.2",
                name: "Cyan Cartridge HP CF411X",
                level: 4,
                max: 100,
                percent: 4,
                state: "low",
            },
        ];
        office(engine, new Date(2026, 2, 17), now, undefined, { supplies: low });
        office(
            engine,
            new Date(2026, 2, 17),
            now,
            { mono: 0, colour: 0 },
            {
                host: "192.0.2.30",
                device: "Accounts",
                serial: null,
            },
        );
        const report = engine.usage(now.getTime(), 30);
        assert.deepEqual(
            report.printers.map((p) => [p.device, p.vendor, p.model, p.serial, p.firmware]),
            [
                ["Accounts", "HP", "Color LaserJet M555", null, "2510181_066580"],
                ["Office 2F", "HP", "Color LaserJet M555", "JPBCS4B0FD", "2510181_066580"],
            ],
        );
        assert.deepEqual(only(report).order, [
            { name: "Cyan Cartridge HP CF411X", partNumber: "CF411X", state: "low", emptyOn: null },
        ]);
        assert.deepEqual(only(report, "192.0.2.30").order, []);
        assert.equal(
            report.text,
            [
                "Accounts: HP Color LaserJet M555, 960 pages; this month 960 (mono 800, colour 160)",
                "Office 2F: HP Color LaserJet M555, SN JPBCS4B0FD, 2,160 pages; this month 960 (mono 800, colour 160); order CF411X",
            ].join("\n"),
        );
        assert.deepEqual(counts(report.totals.today), { total: 960, mono: 800, colour: 160 });
    });

    it("keeps its history in the forecast state: it survives a store round trip, a damaged entry is dropped", function () {
        const engine = new ForecastEngine(emptyState());
        office(engine, new Date(2026, 2, 1), now);
        const stored = JSON.parse(JSON.stringify(engine.state)) as unknown;
        const loaded = loadState(stored);
        assert.equal(loaded.dropped, 0);
        const again = new ForecastEngine(loaded.state);
        assert.deepEqual(again.usage(now.getTime(), 30), engine.usage(now.getTime(), 30));

        const damaged = JSON.parse(JSON.stringify(engine.state)) as {
            printers: Record<string, { usage: { counters: { mono: { counts: unknown } } } }>;
        };
        const key = Object.keys(damaged.printers)[0] as string;
        damaged.printers[key]!.usage.counters.mono.counts = "not a series";
        const dropped = loadState(damaged);
        assert.equal(dropped.dropped, 1);
        assert.deepEqual(Object.keys(dropped.state.printers), []);
    });
});
