/** Start and drive tools/bench/sim-child.js from a benchmark or a load test. */
import { fork } from "node:child_process";
import { join } from "node:path";
import type { Faults } from "../sim";
import type { SimChildMessage, SimChildOptions } from "./sim-child";

export interface SimProcess {
    endpoints: Record<string, { host: string; port: number; community: string }>;
    setFaults(faults: Faults): Promise<void>;
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
        stop: () =>
            new Promise<void>((resolve) => {
                if (child.exitCode !== null) return resolve();
                child.once("exit", () => resolve());
                child.send("stop");
            }),
    };
}
