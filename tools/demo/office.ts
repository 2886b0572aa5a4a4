/**
 * The simulated office of `npm start`: printers of different kinds and Wi-Fi devices from the
 * project's own fixtures, served by the simulator (tools/sim) on loopback with their values
 * moving (toner drains, paper is refilled, people join, roam and leave).
 *
 * Each device gets its own loopback address (127.0.0.11, .12, …) and port, so every card and
 * table row is a device of its own, as on a real network. Where the system has only 127.0.0.1
 * (macOS without aliases) the devices share it, each on its own port.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../runtime";
import { startSimulator, type SimDevice, type Simulator } from "../sim";

export interface OfficeDevice {
    /** Display name on the dashboard. */
    name: string;
    /** The fixture, relative to the project. */
    file: string;
}

export const OFFICE_PRINTERS: OfficeDevice[] = [
    { name: "Reception MFP", file: "test/fixtures/printers/colour-laser.snmprec" },
    { name: "Accounting", file: "test/fixtures/printers/mono-quirks.snmprec" },
    { name: "Marketing inkjet", file: "test/fixtures/printers/inkjet.snmprec" },
    { name: "Design studio", file: "test/fixtures/printers/xerox-phaser.snmprec" },
    { name: "Warehouse", file: "test/fixtures/printers/samsung-mono.snmprec" },
];

export const OFFICE_WIFI: OfficeDevice[] = [
    { name: "Office controller", file: "test/fixtures/wireless/cisco-wlc.snmprec" },
    { name: "Warehouse router", file: "test/fixtures/wireless/mikrotik-router.snmprec" },
    { name: "Meeting rooms AP", file: "test/fixtures/wireless/unifi-ap.snmprec" },
];

/**
 * How fast things move in the demo: a busy day compressed so that a visitor sees toner bars
 * shrink and clients come and go within a minute or two.
 */
const DEMO_DYNAMICS = {
    printer: { pagesPerHour: 6000 },
    wireless: { eventsPerHour: 900 },
};

export interface Office {
    /** Device lines for printer-supplies and ap-clients: `host:port Name`. */
    printers: string[];
    aps: string[];
    sim: Simulator;
    /** How the devices are addressed ("own loopback addresses" or "ports on 127.0.0.1"). */
    addressing: string;
    stop(): Promise<void>;
}

function present(list: OfficeDevice[]): OfficeDevice[] {
    return list.filter((d) => existsSync(join(PROJECT_ROOT, d.file)));
}

function simDevices(list: OfficeDevice[], firstAddress: number | undefined): SimDevice[] {
    return list.map((d, i) => ({
        name: d.name,
        file: join(PROJECT_ROOT, d.file),
        community: "public",
        port: 0,
        ...(firstAddress === undefined ? {} : { address: `127.0.0.${firstAddress + i}` }),
        dynamics: DEMO_DYNAMICS,
    }));
}

function lines(sim: Simulator, list: OfficeDevice[]): string[] {
    return list.map((d) => {
        const e = sim.endpoint(d.name);
        return `${e.host}:${e.port} ${d.name}`;
    });
}

/**
 * Start the office. `dynamicMs` is how often values move in real time (default every second);
 * 0 keeps them still until `sim.advance()` (tests).
 */
export async function startOffice(options: { dynamicMs?: number; seed?: number } = {}): Promise<Office> {
    const printers = present(OFFICE_PRINTERS);
    const wifi = present(OFFICE_WIFI);
    if (printers.length === 0 && wifi.length === 0) {
        throw new Error("the demo fixtures are missing under test/fixtures (run npm start from the project)");
    }
    const start = (firstAddress: number | undefined): Promise<Simulator> =>
        startSimulator({
            devices: [
                ...simDevices(printers, firstAddress),
                ...simDevices(wifi, firstAddress === undefined ? undefined : firstAddress + 20),
            ],
            ...(options.dynamicMs === 0 ? {} : { dynamic: { intervalMs: options.dynamicMs ?? 1000 } }),
            seed: options.seed ?? Date.now() % 100_000,
        });
    let sim: Simulator;
    let addressing = "own loopback addresses";
    try {
        sim = await start(11);
    } catch {
        // Only 127.0.0.1 is configured here: share it, one port per device.
        sim = await start(undefined);
        addressing = "ports on 127.0.0.1";
    }
    return {
        printers: lines(sim, printers),
        aps: lines(sim, wifi),
        sim,
        addressing,
        stop: () => sim.stop(),
    };
}
