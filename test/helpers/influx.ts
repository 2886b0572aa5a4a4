/**
 * A real InfluxDB for tests: Debian's influxdb (1.x) started on free loopback ports with a
 * private data directory and usage reporting off, stopped by the test. `.ci/run` installs it;
 * where it is missing the tests that need it skip with a message.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freeLoopbackPort } from "./flow-run";

const CANDIDATES = ["/usr/bin/influxd", "/usr/sbin/influxd", "/usr/local/bin/influxd"];

export function influxdPath(): string | null {
    return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export function skipWithoutInfluxd(ctx: Mocha.Context): void {
    if (influxdPath() === null) {
        console.log("      (skipped: influxd is not installed; `apt-get install influxdb`, as .ci/run does)");
        ctx.skip();
    }
}

export interface Influx {
    port: number;
    output(): string;
    /** Runs InfluxQL; answers the series of the first statement. */
    query(q: string, db?: string): Promise<Series[]>;
    stop(): Promise<void>;
}

export interface Series {
    name: string;
    tags?: Record<string, string>;
    columns: string[];
    values: unknown[][];
}

export async function startInflux(): Promise<Influx> {
    const bin = influxdPath();
    if (bin === null) throw new Error("influxd is not installed");
    const dir = mkdtempSync(join(tmpdir(), "snmp-office-influx-"));
    const [http, rpc] = [await freeLoopbackPort(), await freeLoopbackPort()];
    const conf = join(dir, "influxdb.conf");
    writeFileSync(
        conf,
        [
            // Never phone home: this test talks to loopback only (Debian's key, then upstream's).
            "reporting-enabled = false",
            "reporting-disabled = true",
            `bind-address = "127.0.0.1:${rpc}"`,
            "[meta]",
            `  dir = "${join(dir, "meta")}"`,
            "[data]",
            `  dir = "${join(dir, "data")}"`,
            `  wal-dir = "${join(dir, "wal")}"`,
            "  query-log-enabled = false",
            "[http]",
            "  enabled = true",
            `  bind-address = "127.0.0.1:${http}"`,
            "  log-enabled = false",
            "[monitor]",
            "  store-enabled = false",
            "[continuous_queries]",
            "  enabled = false",
            "[logging]",
            '  level = "warn"',
            "",
        ].join("\n"),
    );
    const child: ChildProcess = spawn(bin, ["-config", conf], { stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
    const base = `http://127.0.0.1:${http}`;
    const end = Date.now() + 20_000;
    for (;;) {
        const ok = await fetch(`${base}/ping`).then(
            (r) => r.status === 204,
            () => false,
        );
        if (ok) break;
        if (child.exitCode !== null || Date.now() > end) {
            child.kill("SIGKILL");
            throw new Error(`influxd did not start:\n${log}`);
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    async function query(q: string, db?: string): Promise<Series[]> {
        const body = new URLSearchParams({ q, ...(db === undefined ? {} : { db }) });
        const res = await fetch(`${base}/query`, { method: "POST", body });
        const json = (await res.json()) as {
            results?: { series?: Series[]; error?: string }[];
            error?: string;
        };
        const first = json.results?.[0];
        if (json.error !== undefined || first?.error !== undefined)
            throw new Error(json.error ?? first?.error);
        return first?.series ?? [];
    }
    return {
        port: http,
        output: () => log,
        query,
        async stop(): Promise<void> {
            if (child.exitCode === null) {
                await new Promise<void>((resolve) => {
                    child.once("exit", () => resolve());
                    child.kill("SIGTERM");
                });
            }
            rmSync(dir, { recursive: true, force: true });
        },
    };
}
