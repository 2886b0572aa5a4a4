/**
 * Small pieces the MQTT and time-series flow tests share: a free loopback port for a server the
 * test starts, pressing an inject in a child Node-RED, waiting for a condition, and the simulator
 * with one colour laser printer and one Wi-Fi controller.
 */
import net from "node:net";
import path from "node:path";
import { startSimulator, type Simulator } from "../../tools/sim";
import type { ChildRuntime } from "./runtime";

const FIXTURES = path.join(__dirname, "..", "fixtures");

/** A TCP port free on 127.0.0.1 right now (for mosquitto, influxd). */
export function freeLoopbackPort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const port = (server.address() as net.AddressInfo).port;
            server.close(() => resolve(port));
        });
    });
}

/** Presses an inject node; right after start-up the flows may still be starting, so it retries. */
export async function pressInject(rt: ChildRuntime, id: string, ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    for (;;) {
        const res = await fetch(`${rt.url}/inject/${id}`, { method: "POST" });
        if (res.status === 200) return;
        if (Date.now() > end) throw new Error(`inject ${id}: HTTP ${res.status}\n${rt.output()}`);
        await new Promise((r) => setTimeout(r, 100));
    }
}

/** Waits until check() holds; on timeout fails with what was awaited and log() (the runtime's output). */
export async function waitFor(
    check: () => boolean | Promise<boolean>,
    what: string,
    log: () => string,
    ms = 20_000,
): Promise<void> {
    const end = Date.now() + ms;
    while (!(await check())) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${log()}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

/** The simulator with a colour laser ("laser") and a Cisco controller ("wlc"), readings fixed. */
export function startOfficeSimulator(): Promise<Simulator> {
    return startSimulator({
        devices: [
            {
                name: "laser",
                file: path.join(FIXTURES, "printers", "colour-laser.snmprec"),
                port: 0,
                dynamics: false,
            },
            {
                name: "wlc",
                file: path.join(FIXTURES, "wireless", "cisco-wlc.snmprec"),
                port: 0,
                dynamics: false,
            },
        ],
    });
}

/** `host:port` of a simulated device, as a device list line starts. */
export function address(sim: Simulator, name: string): string {
    const ep = sim.endpoint(name);
    return `${ep.host}:${ep.port}`;
}
