/**
 * An SNMP session to one of the simulator's devices (its community and port), closed when `use`
 * settles: what a test that polls a simulated device through the package's own session needs.
 */
import type { Simulator } from "../../tools/sim";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings, type SessionSettings } from "../../nodes/lib/snmp/settings";

export async function withSimSession<T>(
    sim: Simulator,
    name: string,
    use: (session: SnmpSession, settings: SessionSettings, key: string) => Promise<T>,
): Promise<T> {
    const ep = sim.endpoint(name);
    const settings = normalizeSettings({ community: ep.community, port: ep.port, timeout: 2000, retries: 0 });
    const session = await SnmpSession.open(ep.host, settings);
    try {
        return await use(session, settings, `${ep.host}:${ep.port}`);
    } finally {
        session.close();
    }
}
