/** Start and drive tools/bench/sim-child.js from a benchmark or a load test. */
import { fork } from "node:child_process";
import { join } from "node:path";
import type { Faults } from "../sim";
import type { SimChildMessage, SimChildOptions, SimTraffic } from "./sim-child";

export interface SimProcess {
    endpoints: Record<string, { host: string; port: number; community: string }>;
    setFaults(faults: Faults): Promise<void>;
    /** What the simulator counted so far (take one before and one after). */
    counters(): Promise<SimTraffic>;
    stop(): Promise<void>;
}

export async function startSimProcess(options: SimChildOptions): Promise<SimProcess> {
    const child = fork(join(__dirname, "sim-child.js"), [JSON.stringify(options)], { stdio: "inherit" });
    const endpoints = await new Promise<Record<string, { host: string; port: number; community: string }>>(
        (resolve, reject) => {
            child.once("message", (msg: SimChildMessage) => {
                if ("endpoints" in msg) resolve(msg.endpoints);
                else reject(new Error(`simulator failed: ${msg.error}`));
            });
            child.once("exit", (code) => reject(new Error(`simulator exited with ${code}`)));
        },
    );
    return {
        endpoints,
        setFaults: (faults) =>
            new Promise<void>((resolve) => {
                child.once("message", () => resolve());
                child.send({ faults });
            }),
        counters: () =>
            new Promise<SimTraffic>((resolve) => {
                child.once("message", (msg: { counters: SimTraffic }) => resolve(msg.counters));
                child.send("counters");
            }),
        stop: () =>
            new Promise<void>((resolve) => {
                if (child.exitCode !== null) return resolve();
                child.once("exit", () => resolve());
                child.send("stop");
            }),
    };
}
