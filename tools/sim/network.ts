/**
 * A simulated office network on loopback: devices on consecutive addresses of one 127.x.y.0/24,
 * all on the same UDP port (as real devices are all on 161), the other addresses silent.
 */
import dgram from "node:dgram";
import { startSimulator, type SimDevice, type Simulator } from "./index";

export interface Network {
    sim: Simulator;
    port: number;
    /** Device name -> its address. */
    addresses: Map<string, string>;
    /** `127.x.y.0/24` */
    cidr: string;
}

/** A UDP port free on this loopback address now (bound and released). */
export async function freeUdpPort(address: string): Promise<number> {
    const socket = dgram.createSocket("udp4");
    await new Promise<void>((resolve, reject) => {
        socket.once("error", reject);
        socket.bind(0, address, () => resolve());
    });
    const { port } = socket.address();
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    return port;
}

/**
 * Start `devices` on `${prefix}.${first}`, `${prefix}.${first + 1}`, ... (community "public" unless
 * a device says otherwise), every one on the same port.
 */
export async function startNetwork(
    devices: readonly Omit<SimDevice, "address" | "port">[],
    prefix = "127.0.19",
    first = 1,
): Promise<Network> {
    if (!/^127\.\d{1,3}\.\d{1,3}$/.test(prefix)) throw new Error("a test network lives on 127.0.0.0/8");
    const port = await freeUdpPort(`${prefix}.${first}`);
    const addresses = new Map<string, string>();
    const specs = devices.map((d, i): SimDevice => {
        const address = `${prefix}.${first + i}`;
        addresses.set(d.name, address);
        return { community: "public", dynamics: false, ...d, address, port };
    });
    const sim = await startSimulator({ devices: specs });
    return { sim, port, addresses, cidr: `${prefix}.0/24` };
}
