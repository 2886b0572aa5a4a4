/**
 * npm run simulate -- [DIR_OR_FILE...] [--port N] [--port-per-device] [--address A]
 *                     [--delay ms] [--jitter ms] [--loss p] [--dynamic] [--seed N]
 *
 * Serves the recordings (default: test/fixtures) until Ctrl-C, one line per device.
 */
import path from "node:path";
import { loadDevices, startSimulator, type Faults, type SimDevice } from "./index";

interface CliOptions {
    paths: string[];
    port: number;
    address: string;
    portPerDevice: boolean;
    faults: Faults;
    dynamic: boolean;
    seed?: number;
    /** --help: print HELP and exit 0. */
    help: boolean;
}

const USAGE =
    "usage: npm run simulate -- [DIR_OR_FILE...] [--port N] [--port-per-device] [--address 127.x.y.z]\n" +
    "                           [--delay ms] [--jitter ms] [--loss 0..1] [--dynamic] [--seed N] [--help]";

export const HELP = `${USAGE}

Serves SNMP recordings (.snmprec files, snmpsim's format) as SNMP agents over UDP on loopback,
one line per device, until Ctrl-C. Read-only: SET is refused. SNMPv1, v2c (and v3 through the API).

  DIR_OR_FILE...      .snmprec files or folders searched recursively (default: test/fixtures).
                      A device is named after its file; "name@ctx.snmprec" is context ctx of "name".
  --port N            UDP port shared by all devices (default 0: a free port); with
                      --port-per-device, the first of consecutive ports.
  --port-per-device   each device on its own port, community "public" (on a shared port a device
                      answers to its name as community, as snmpsim does).
  --address A         loopback address to listen on (default 127.0.0.1; only 127.0.0.0/8).
  --delay ms          answer every request this late (0 to 600000).
  --jitter ms         plus a random extra delay up to this (0 to 600000).
  --loss P            drop this share of requests, 0 to 1 (0.05 = 5 %).
  --dynamic           values change every second: toner and paper drain, Wi-Fi clients come and go.
  --seed N            seed of the random numbers (loss, jitter, dynamics), for repeatable runs.
  --help, -h          this text.

Example: npm run simulate -- test/fixtures/printers --port-per-device --delay 50 --dynamic`;

export function parseArgs(argv: readonly string[]): CliOptions {
    const o: CliOptions = {
        paths: [],
        port: 0,
        address: "127.0.0.1",
        portPerDevice: false,
        faults: {},
        dynamic: false,
        help: false,
    };
    const number = (flag: string, value: string | undefined, min: number, max: number): number => {
        const n = Number(value);
        if (value === undefined || value === "" || !Number.isFinite(n) || n < min || n > max) {
            throw new Error(`${flag} needs a number from ${min} to ${max}`);
        }
        return n;
    };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i]!;
        switch (a) {
            case "--port":
                o.port = number(a, argv[++i], 0, 65535);
                break;
            case "--address":
                o.address = argv[++i] ?? "";
                break;
            case "--port-per-device":
                o.portPerDevice = true;
                break;
            case "--delay":
                o.faults.delayMs = number(a, argv[++i], 0, 600_000);
                break;
            case "--jitter":
                o.faults.jitterMs = number(a, argv[++i], 0, 600_000);
                break;
            case "--loss":
                o.faults.lossRate = number(a, argv[++i], 0, 1);
                break;
            case "--dynamic":
                o.dynamic = true;
                break;
            case "--seed":
                o.seed = number(a, argv[++i], 0, 2 ** 32 - 1);
                break;
            case "-h":
            case "--help":
                o.help = true;
                break;
            default:
                if (a.startsWith("-")) throw new Error(`unknown option ${a}\n${USAGE}`);
                o.paths.push(a);
        }
    }
    return o;
}

async function main(): Promise<void> {
    const o = parseArgs(process.argv.slice(2));
    if (o.help) {
        console.log(HELP);
        return;
    }
    const paths = o.paths.length > 0 ? o.paths : [path.join(__dirname, "..", "..", "test", "fixtures")];
    let devices: SimDevice[] = loadDevices(paths);
    if (devices.length === 0) throw new Error(`no .snmprec files in ${paths.join(", ")}`);
    if (o.portPerDevice) {
        // Consecutive ports from --port when one is given, else an ephemeral port each.
        devices = devices.map((d, i) => ({ ...d, port: o.port ? o.port + i : 0 }));
    }
    const sim = await startSimulator({
        devices,
        address: o.address,
        port: o.portPerDevice ? 0 : o.port,
        faults: o.faults,
        seed: o.seed,
        dynamic: o.dynamic ? { intervalMs: 1000 } : undefined,
    });
    const width = Math.max(...sim.deviceNames.map((n) => n.length));
    for (const name of sim.deviceNames) {
        const e = sim.endpoint(name);
        console.log(`${name.padEnd(width)}  community ${e.community}  ${e.host}:${e.port}`);
    }
    for (const name of sim.deviceNames) {
        for (const w of sim.warnings(name)) console.log(`note: ${name}: ${w}`);
    }
    console.log(
        `serving ${sim.deviceNames.length} device(s)${o.dynamic ? " with changing values" : ""}; Ctrl-C to stop`,
    );
    const shutdown = (): void => {
        sim.stop().then(
            () => process.exit(0),
            () => process.exit(1),
        );
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
}

if (require.main === module) {
    main().catch((err: unknown) => {
        console.error((err as Error).message);
        process.exit(2);
    });
}
