/**
 * The widgets of this package draw what node-red-contrib-snmp-office's view models say (its
 * nodes/lib/dashboard: one source for both dashboards), so that package is loaded from here:
 * installed beside this one (how users have it), else from the repository this package lives in
 * (a development checkout linked with `npm install <folder>`).
 */
import type * as Dashboard2 from "../../../nodes/lib/dashboard/dashboard2";
import type * as Printers from "../../../nodes/lib/dashboard/printers";
import type * as Templates from "../../../nodes/lib/dashboard/templates";
import type * as Wifi from "../../../nodes/lib/dashboard/wifi";

export const MAIN_PACKAGE = "node-red-contrib-snmp-office";

export interface Shared {
    dashboard2: typeof Dashboard2;
    printers: typeof Printers;
    templates: typeof Templates;
    wifi: typeof Wifi;
}

function load(base: string): Shared {
    /* eslint-disable @typescript-eslint/no-require-imports */
    return {
        dashboard2: require(`${base}/nodes/lib/dashboard/dashboard2`) as typeof Dashboard2,
        printers: require(`${base}/nodes/lib/dashboard/printers`) as typeof Printers,
        templates: require(`${base}/nodes/lib/dashboard/templates`) as typeof Templates,
        wifi: require(`${base}/nodes/lib/dashboard/wifi`) as typeof Wifi,
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
}

function notFound(err: unknown): boolean {
    return (err as { code?: unknown } | null)?.code === "MODULE_NOT_FOUND";
}

/** The shared modules, or why they cannot be loaded. */
export function loadShared(): Shared | Error {
    try {
        return load(MAIN_PACKAGE);
    } catch (err) {
        if (!notFound(err)) return err instanceof Error ? err : new Error(String(err));
    }
    try {
        return load("../../..");
    } catch (err) {
        if (!notFound(err)) return err instanceof Error ? err : new Error(String(err));
    }
    return new Error(
        `${MAIN_PACKAGE} is not installed: install it too (it polls the devices these widgets show)`,
    );
}

/** Message-catalog keys of the board's words live with the node-red-dashboard widget of the main package. */
export function mainCatalog(set: string): string {
    return `${MAIN_PACKAGE}/${set}`;
}
