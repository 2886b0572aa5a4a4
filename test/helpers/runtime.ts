/** Start and stop a real Node-RED runtime in a child process (see runtime-child.ts). */
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FlowsState, RuntimeOptions } from "../../tools/runtime";

export interface ChildRuntime {
    port: number;
    url: string;
    userDir: string;
    /** How the flows came up: started, or stopped for missing node types. */
    flows: FlowsState;
    /** Everything the runtime printed, for diagnostics and for scanning logs. */
    output(): string;
    stop(): Promise<void>;
    /** Ends the runtime as a crash or power cut would (SIGKILL: no close handlers, no flush). */
    kill(): Promise<void>;
}

/** Longest wait for the child runtime to start. */
const START_TIMEOUT_MS = 90_000;

export async function startChildRuntime(options: Partial<RuntimeOptions> = {}): Promise<ChildRuntime> {
    const userDir = options.userDir ?? mkdtempSync(join(tmpdir(), "snmp-office-nr-"));
    const child: ChildProcess = fork(
        join(__dirname, "runtime-child.js"),
        [JSON.stringify({ ...options, userDir })],
        {
            stdio: ["ignore", "pipe", "pipe", "ipc"],
        },
    );
    let log = "";
    child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
    const started = new Promise<{ port: number; flows: FlowsState }>((resolve, reject) => {
        // Generous: a loaded machine can take a minute.
        const timer = setTimeout(
            () => reject(new Error(`Node-RED did not start within ${START_TIMEOUT_MS / 1000} s:\n${log}`)),
            START_TIMEOUT_MS,
        );
        child.once("message", (msg: { port?: number; flows?: FlowsState; error?: string }) => {
            clearTimeout(timer);
            if (msg.port && msg.flows) resolve({ port: msg.port, flows: msg.flows });
            else reject(new Error(`Node-RED failed: ${msg.error ?? "?"}\n${log}`));
        });
        child.once("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`Node-RED exited (${code}):\n${log}`));
        });
    });
    // A runtime that did not come up is ended, so that it neither keeps the test process alive
    // nor holds its ports and files.
    const { port, flows } = await started.catch((err: unknown) => {
        child.kill("SIGKILL");
        if (options.userDir === undefined) rmSync(userDir, { recursive: true, force: true });
        throw err;
    });
    return {
        port,
        url: `http://127.0.0.1:${port}`,
        userDir,
        flows,
        output: () => log,
        async stop(): Promise<void> {
            if (child.exitCode === null && child.signalCode === null) {
                await new Promise<void>((resolve) => {
                    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
                    child.once("exit", () => {
                        clearTimeout(kill);
                        resolve();
                    });
                    child.send("stop");
                });
            }
            if (options.userDir === undefined) rmSync(userDir, { recursive: true, force: true });
        },
        async kill(): Promise<void> {
            if (child.exitCode === null && child.signalCode === null) {
                const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
                child.kill("SIGKILL");
                await exited;
            }
            if (options.userDir === undefined) rmSync(userDir, { recursive: true, force: true });
        },
    };
}

/** GET a path from the runtime; resolves with status and body text. */
export async function httpGet(
    base: string,
    path: string,
    headers: Record<string, string> = {},
): Promise<{ status: number; body: string; type: string }> {
    const res = await fetch(base + path, { headers });
    return { status: res.status, body: await res.text(), type: res.headers.get("content-type") ?? "" };
}

/** Deploy flows through the admin API (nodes may carry `credentials`, as the editor sends them). */
export async function deployFlows(base: string, flows: unknown[], bearer?: string): Promise<void> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
    const res = await fetch(`${base}/flows`, { method: "POST", headers, body: JSON.stringify(flows) });
    if (res.status !== 204) throw new Error(`deploy failed (${res.status}): ${await res.text()}`);
}

/**
 * POST a JSON body to an `http in` endpoint of the runtime and expect 204. A deploy answers before
 * its flows are up, so a missing endpoint (404) is asked again for a while.
 */
export async function postJson(base: string, path: string, body: unknown, waitMs = 10_000): Promise<void> {
    const deadline = Date.now() + waitMs;
    for (;;) {
        const res = await fetch(base + path, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(body),
        });
        const text = await res.text();
        if (res.status === 404 && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            continue;
        }
        if (res.status !== 204) throw new Error(`POST ${path}: ${res.status} ${text}`);
        return;
    }
}
