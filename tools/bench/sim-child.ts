/**
 * The simulator in a child process, so that a benchmark or load test measures the client's CPU
 * and memory alone. Started with fork(): argv[2] is the JSON of {@link SimChildOptions}. It
 * answers {endpoints} when listening; accepts {faults} and "stop".
 */
import { startSimulator, type Faults, type SimDevice } from "../sim";

export interface SimChildOptions {
    /** Devices to serve, each on its own port; `copies` serves the same file that many times. */
    devices: { name: string; file: string; copies?: number; dynamics?: false }[];
    maxMsgSize?: number;
    faults?: Faults;
    seed?: number;
}

export type SimChildMessage =
    { endpoints: Record<string, { host: string; port: number; community: string }> } | { error: string };

/** What the simulator counted, all devices together (the answer to "counters"). */
export interface SimTraffic {
    /** Requests received (round trips, retransmissions included). */
    requests: number;
    bytesIn: number;
    bytesOut: number;
    /** CPU time the simulator's process has used so far, ms. */
    cpuMs: number;
}

async function main(): Promise<void> {
    const options = JSON.parse(process.argv[2] ?? "{}") as SimChildOptions;
    const devices: SimDevice[] = [];
    for (const d of options.devices) {
        const copies = d.copies ?? 1;
        for (let i = 0; i < copies; i++) {
            devices.push({
                name: copies === 1 ? d.name : `${d.name}-${i + 1}`,
                file: d.file,
                port: 0,
                dynamics: d.dynamics ?? false,
            });
        }
    }
    const sim = await startSimulator({
        devices,
        maxMsgSize: options.maxMsgSize,
        faults: options.faults,
        seed: options.seed,
        logLimit: 1000,
    });
    const endpoints: Record<string, { host: string; port: number; community: string }> = {};
    for (const name of sim.deviceNames) endpoints[name] = sim.endpoint(name);
    process.send?.({ endpoints } satisfies SimChildMessage);
    process.on("message", (msg: unknown) => {
        if (msg === "stop") {
            void sim.stop().then(() => process.exit(0));
        } else if (msg === "counters") {
            const c = sim.counters;
            const cpu = process.cpuUsage();
            process.send?.({
                counters: {
                    requests: c.requests,
                    bytesIn: c.bytesIn,
                    bytesOut: c.bytesOut,
                    cpuMs: (cpu.user + cpu.system) / 1000,
                } satisfies SimTraffic,
            });
        } else if (typeof msg === "object" && msg !== null && "faults" in msg) {
            sim.setFaults((msg as { faults: Faults }).faults);
            process.send?.("ok");
        }
    });
}

main().catch((err: unknown) => {
    process.send?.({ error: err instanceof Error ? err.message : String(err) } satisfies SimChildMessage);
    process.exit(1);
});
