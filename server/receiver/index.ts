/** The built-in OTLP/HTTP trace receiver with fault injection. */
export { createOtlpReceiver } from "./otlp-receiver";
export type { OtlpReceiver, OtlpReceiverOptions, SpansListener } from "./otlp-receiver";
export { startOtlpReceiverServer } from "./receiver-server";
export type { OtlpReceiverServer, OtlpReceiverServerOptions } from "./receiver-server";
export { DEFAULT_FAULTS, faultModes, faultPatchSchema, faultSettingsSchema } from "./fault-injection";
export type { FaultMode, FaultPatch, FaultSettings, SetFaultsResult, ValidationIssue } from "./fault-injection";
export type { FaultKind, RecentSpan, ReceiverStats, RefusalKind } from "./receiver-stats";
export type { AttributeValue, ReceivedSpan, OtlpEncoding } from "./otlp-decode";
export { decodeExportRequest } from "./otlp-decode";
export { DEFAULT_MAX_BODY_BYTES } from "./http-body";
