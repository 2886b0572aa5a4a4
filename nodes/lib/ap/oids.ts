/** Standard objects (MIB-II system group, IF-MIB) that the engine and detection read. */

export const SYS_DESCR = "1.3.6.1.2.1.1.1.0";
export const SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0";
export const SYS_NAME = "1.3.6.1.2.1.1.5.0";
/** IF-MIB ifName (RFC 2863), to name radios and CAPsMAN APs that are interfaces. */
export const IF_NAME = "1.3.6.1.2.1.31.1.1.1.1";
