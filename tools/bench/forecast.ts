// Benchmark of the supply forecast: memory and CPU for a fleet with a full 90 days of history.
// Called by the package benchmark (`npm run bench`), or alone: `node tools/bench/forecast.js`.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ForecastEngine } from "../../nodes/lib/forecast/engine";
import { emptyState, loadState } from "../../nodes/lib/forecast/state";
import { VirtualPrinter } from "../forecast-synthetic";

export interface ForecastBenchOptions {
    printers?: number;
    /** Toners per printer; each printer also has a waste box. */
    toners?: number;
    days?: number;
    log?: (line: string) => void;
}

export interface ForecastBenchFigures {
    supplies: number;
    printers: number;
    historyDays: number;
    fillSeconds: number;
    samples: number;
    heapMB: number;
    heapKBPerSupply: number;
    jsonMB: number;
    /** CPU time per printer message (all its supplies), microseconds. */
    updateUsPerMessage: number;
    updateUsPerSupply: number;
    updateUsP95PerMessage: number;
    reportMs: number;
    restoreMs: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

function collectGarbage(): () => void {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as (() => void) | undefined;
    return () => {
        gc?.();
        gc?.();
    };
}

function heapMB(gc: () => void): number {
    gc();
    return process.memoryUsage().heapUsed / 1_048_576;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Fills the history of a fleet (default 200 printers × 4 toners + a waste box = 1,000 supplies)
 * through the engine: daily readings up to four weeks before the end, then hourly ones with
 * level noise, so every hourly bucket is kept (the worst case for memory). Then measures one
 * more day of hourly polls, the shopping list, and reading the history back as a restart does.
 */
export function benchForecast(options: ForecastBenchOptions = {}): ForecastBenchFigures {
    const printersCount = options.printers ?? 200;
    const toners = options.toners ?? 4;
    const days = options.days ?? 90;
    const log = options.log ?? ((line: string) => console.log(line));
    const gc = collectGarbage();
    const start = Date.UTC(2024, 0, 1);
    const colors = ["black", "cyan", "magenta", "yellow", "light cyan", "light magenta"];

    const printers: VirtualPrinter[] = [];
    for (let i = 0; i < printersCount; i++) {
        const p = new VirtualPrinter(
            {
                host: `10.${(i >> 8) & 255}.${i & 255}.10`,
                device: `Printer ${i + 1}`,
                model: i % 3 === 0 ? "HP Color LaserJet MFP M479fdw" : "Kyocera ECOSYS M5526cdw",
                pagesPerDay: 80 + (i % 7) * 20,
                schedule: i % 2 === 0 ? "office" : "continuous",
                noise: 0.8,
                seed: i + 1,
            },
            start,
        );
        for (let t = 0; t < toners; t++) {
            const color = colors[t % colors.length] as string;
            p.addSupply({ id: `1.${t + 1}`, name: `${color} toner`, color, yieldPages: 6000 + 1000 * t });
        }
        p.addSupply({
            id: `1.${toners + 1}`,
            name: "Waste Toner Box",
            type: "wasteToner",
            color: null,
            class: "receptacle",
            yieldPages: 40_000,
        });
        printers.push(p);
    }
    const supplies = printersCount * (toners + 1);
    const before = heapMB(gc);

    const engine = new ForecastEngine(emptyState());
    const fillStart = process.cpuUsage();
    const hourlyFrom = start + (days - 29) * DAY;
    const end = start + days * DAY;
    for (let t = start; t <= end; t += t < hourlyFrom ? DAY : HOUR) {
        for (const p of printers) {
            p.advance(t);
            engine.update(p.payload(), t);
        }
    }
    const fill = process.cpuUsage(fillStart);
    const fillSeconds = (fill.user + fill.system) / 1e6;
    const heap = heapMB(gc) - before;
    const samples = engine.bucketCount();

    // One more day, hourly: CPU time per message (each carries all of one printer's supplies),
    // measured around each update alone (wall time would count other processes on the machine).
    const perMessage: number[] = [];
    for (let t = end + HOUR; t <= end + DAY; t += HOUR) {
        for (const p of printers) {
            p.advance(t);
            const payload = p.payload();
            const c0 = process.cpuUsage();
            engine.update(payload, t);
            const c = process.cpuUsage(c0);
            perMessage.push(c.user + c.system);
        }
    }
    const updateUsPerMessage = perMessage.reduce((a, b) => a + b, 0) / perMessage.length;
    perMessage.sort((a, b) => a - b);
    const p95 = perMessage[Math.floor(perMessage.length * 0.95)] as number;

    const reportStart = process.hrtime.bigint();
    const list = engine.report(end + DAY, 30);
    const reportMs = Number(process.hrtime.bigint() - reportStart) / 1e6;

    const json = JSON.stringify(engine.state);
    const restoreStart = process.hrtime.bigint();
    const restored = loadState(JSON.parse(json));
    const restoreMs = Number(process.hrtime.bigint() - restoreStart) / 1e6;
    if (restored.dropped !== 0 || restored.unreadable)
        throw new Error("history did not survive a JSON round trip");

    const figures: ForecastBenchFigures = {
        supplies,
        printers: printersCount,
        historyDays: days,
        fillSeconds: round(fillSeconds),
        samples,
        heapMB: round(heap),
        heapKBPerSupply: round((heap * 1024) / supplies),
        jsonMB: round(json.length / 1_048_576),
        updateUsPerMessage: round(updateUsPerMessage, 0),
        updateUsPerSupply: round(updateUsPerMessage / (toners + 1), 0),
        updateUsP95PerMessage: round(p95, 0),
        reportMs: round(reportMs),
        restoreMs: round(restoreMs, 0),
    };
    log(
        `supply-forecast: ${supplies} supplies on ${printersCount} printers, ${days} days of history ` +
            `(filled in ${figures.fillSeconds} s of CPU)`,
    );
    log(
        `  memory: ${samples.toLocaleString("en-US")} stored samples, ${figures.heapMB} MB heap ` +
            `(${figures.heapKBPerSupply} KB per supply), ${figures.jsonMB} MB as JSON in a file context store`,
    );
    log(
        `  update: ${figures.updateUsPerSupply} µs CPU per supply, ${figures.updateUsPerMessage} µs per printer ` +
            `message (p95 ${figures.updateUsP95PerMessage} µs)`,
    );
    log(
        `  shopping list of ${list.count} supplies: ${figures.reportMs} ms; ` +
            `reading the history back after a restart: ${figures.restoreMs} ms`,
    );
    return figures;
}

if (require.main === module) benchForecast();

/** The `npm run bench` section. */
export function run(): Promise<void> {
    console.log("## supply-forecast: 1,000 supplies with 90 days of history\n");
    benchForecast();
    console.log("");
    return Promise.resolve();
}
