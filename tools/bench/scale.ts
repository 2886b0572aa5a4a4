/**
 * `npm run bench -- --only=scale`: the worst cases of issue 16 (hardening, second round), each
 * measured through the same code the nodes run, with its target beside the figure:
 *  - supply-forecast past its 10,000-key cap: 20,000 supplies, each new one making room, and a
 *    round of 1,000 printers with 11 supplies and trays each;
 *  - threshold-alert with 10,000 active alerts: the cost of one more input, and how often the
 *    active list (output 2) goes out;
 *  - 100,000 unusable msg.devices entries: parse time and the warnings they give;
 *  - an access point controller with 50,000 clients polled over SNMP (simulator in a child
 *    process): time, client CPU and the longest the event loop was blocked. 200,000 clients are
 *    measured by the ap section (a leaner fixture): this one, every column of the controller's
 *    MIB, takes the simulator past its 4 GB heap at 200,000.
 */
import { writeFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { AlertBook, handleInput, parseRules } from "../../nodes/lib/alert";
import { pollAp } from "../../nodes/lib/ap/poll-ap";
import { devicesFromMessage } from "../../nodes/lib/devices";
import { ForecastEngine } from "../../nodes/lib/forecast/engine";
import { emptyState } from "../../nodes/lib/forecast/state";
import { problemWarnings } from "../../nodes/lib/lists";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { ciscoController } from "./ap-fixture";
import { startSimProcess } from "./sim-process";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

function stats(ms: number[]): { median: number; p99: number; max: number } {
    const s = [...ms].sort((a, b) => a - b);
    const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? NaN;
    return { median: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

const f = (n: number, digits = 2): string => n.toFixed(digits);

function printer(i: number, day: number, rows: number): Record<string, unknown> {
    const supplies = [];
    for (let r = 0; r < rows; r++) {
        const percent = Math.max(1, 90 - day - r);
        supplies.push({
            id: `1.${r + 1}`,
            name: `Toner ${r + 1}`,
            percent,
            level: percent,
            max: 100,
            state: "ok",
        });
    }
    return {
        host: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        device: `Printer ${i}`,
        time: new Date(T0 + day * DAY + i).toISOString(),
        supplies: supplies.slice(0, Math.min(rows, 6)),
        trays: supplies.slice(6).map((s, t) => ({ ...s, id: `1.${t + 1}`, name: `Tray ${t + 1}` })),
        pageCount: 1000 + 50 * day,
    };
}

function forecast(): void {
    console.log("## supply-forecast past its key cap (10,000 supplies and trays)\n");
    const engine = new ForecastEngine(emptyState());
    const perInput: number[] = [];
    for (let i = 0; i < 20_000; i++) {
        const t = performance.now();
        engine.update(printer(i, 0, 1), T0 + i);
        perInput.push(performance.now() - t);
    }
    const s = stats(perInput.slice(10_000));
    const over = perInput.filter((ms) => ms >= 50).length;
    console.log(
        `20,000 printers of one supply each (the last 10,000 each make room): per input median ${f(s.median)} ms, ` +
            `p99 ${f(s.p99)} ms, max ${f(s.max)} ms, ${over} of 20,000 inputs at 50 ms or more ` +
            `(target: every input under 50 ms; a scan per new key took 34 s for 5,000)`,
    );
    const fleet = new ForecastEngine(emptyState());
    const rounds: number[] = [];
    let slowest = 0;
    for (let day = 0; day < 4; day++) {
        const t = performance.now();
        for (let i = 0; i < 1000; i++) {
            const one = performance.now();
            fleet.update(printer(i, day, 11), T0 + day * DAY + i);
            slowest = Math.max(slowest, performance.now() - one);
        }
        rounds.push(performance.now() - t);
    }
    console.log(
        `1,000 printers x 11 supplies and trays: a poll round ${rounds.map((r) => f(r, 0)).join(", ")} ms ` +
            `(first round creates the keys), slowest input ${f(slowest)} ms (before: 46 s per round)\n`,
    );
}

function alerts(): void {
    console.log("## threshold-alert with 10,000 active alerts\n");
    const parsed = parseRules({ genericWarning: "10" });
    if ("problems" in parsed) throw new Error(JSON.stringify(parsed.problems));
    const book = new AlertBook();
    for (let i = 0; i < 10_000; i++)
        handleInput(book, { topic: `sensor ${i}`, payload: 20 }, parsed.rules, T0 + i);
    const perInput: number[] = [];
    let lists = 0;
    let bytes = 0;
    for (let i = 0; i < 2000; i++) {
        const t = performance.now();
        const out = handleInput(
            book,
            { topic: `sensor ${i % 10_000}`, payload: 20 },
            parsed.rules,
            T0 + 1e6 + i,
        );
        perInput.push(performance.now() - t);
        if (out.ok && out.list !== null) {
            lists++;
            bytes = JSON.stringify(out.list).length;
        }
    }
    const s = stats(perInput);
    const changed: number[] = [];
    for (let i = 0; i < 200; i++) {
        const t = performance.now();
        const out = handleInput(
            book,
            { topic: `sensor ${i}`, payload: i % 2 === 0 ? 1 : 30 },
            parsed.rules,
            T0 + 2e6 + i,
        );
        changed.push(performance.now() - t);
        if (out.ok && out.list !== null) bytes = JSON.stringify(out.list).length;
    }
    const c = stats(changed);
    console.log(
        `an unchanged input: median ${f(s.median, 3)} ms, p99 ${f(s.p99, 3)} ms, max ${f(s.max)} ms; ` +
            `output 2 sent ${lists} times in 2,000 (before: every input, 119 ms and 2 MB each)`,
    );
    console.log(
        `an input that changes the list: median ${f(c.median, 3)} ms, max ${f(c.max)} ms ` +
            `(building output 2, its list of 10,000 rows); the list is ${(bytes / 1e6).toFixed(1)} MB when it goes out\n`,
    );
}

function deviceLists(): void {
    console.log("## 100,000 unusable msg.devices entries\n");
    const devices = Array.from({ length: 100_000 }, (_, i) =>
        i % 2 === 0 ? { host: `bad!${i}` } : `x:${70_000 + i}`,
    );
    const cpu = process.cpuUsage();
    const list = devicesFromMessage({ devices });
    const warnings = problemWarnings(list?.errors ?? [], "msg.devices entries");
    const used = process.cpuUsage(cpu);
    console.log(
        `parsed and summarised in ${f((used.user + used.system) / 1000, 0)} ms CPU: ${list?.errors.length} problems, ` +
            `${warnings.length} warning of ${warnings[0]?.length ?? 0} characters (before: 100,000 warnings, 3.8 s)\n`,
    );
}

export async function accessPoints(clients: number): Promise<void> {
    console.log(`## ap-clients: a controller with ${clients.toLocaleString("en-US")} clients\n`);
    const aps = Math.max(500, Math.floor(clients / 100));
    const fixture = ciscoController({ aps, clients });
    const dir = mkdtempSync(join(tmpdir(), "snmp-office-bench-"));
    const file = join(dir, "wlc.snmprec");
    writeFileSync(file, fixture.records);
    const sim = await startSimProcess({ devices: [{ name: "wlc", file, dynamics: false }] });
    try {
        const ep = sim.endpoints.wlc;
        if (ep === undefined) throw new Error("no simulator endpoint");
        const settings = normalizeSettings({
            community: ep.community,
            port: ep.port,
            timeout: 10_000,
            retries: 0,
        });
        const session = await SnmpSession.open(ep.host, settings);
        const loop = monitorEventLoopDelay({ resolution: 10 });
        try {
            loop.enable();
            const cpu = process.cpuUsage();
            const t = performance.now();
            const poll = await pollAp(
                session,
                { host: ep.host, port: ep.port, name: "campus" },
                { vendor: "auto", maxRepetitions: 50, maxRows: clients * 2, now: () => new Date() },
            );
            const wall = performance.now() - t;
            const used = process.cpuUsage(cpu);
            loop.disable();
            const counted = poll.reading.clients.length;
            console.log(
                `${aps} APs, ${counted.toLocaleString("en-US")} clients read: ${f(wall / 1000, 1)} s wall, ` +
                    `${f((used.user + used.system) / 1e6, 1)} s client CPU, longest event-loop block ` +
                    `${f(loop.max / 1e6, 0)} ms (before: a 3 s stall at 200,000)\n`,
            );
        } finally {
            session.close();
        }
    } finally {
        await sim.stop();
        rmSync(dir, { recursive: true, force: true });
    }
}

export async function run(): Promise<void> {
    forecast();
    alerts();
    deviceLists();
    await accessPoints(50_000);
}

if (require.main === module) {
    run().catch((err: unknown) => {
        console.error(err);
        process.exitCode = 1;
    });
}
