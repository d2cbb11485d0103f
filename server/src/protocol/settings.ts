import * as z from 'zod';

/**
 * The extension's settings, declared once: the server validates with these schemas, the client
 * imports the same names, and a unit test checks that `package.json` declares the same keys and
 * defaults. One bad value falls back to its default with a message; the others still apply.
 */

/** Prefix of every setting, command and custom message. */
export const SECTION = 'inspectionReport';

const severityOverride = z.enum(['error', 'warning', 'information', 'hint', 'off']);

const userScaleSchema = z.object({
  name: z.string().min(1),
  grades: z
    .array(
      z.object({
        label: z.string().min(1),
        number: z.number().int().optional(),
        description: z.string().optional(),
      }),
    )
    .min(2),
  whenTextContains: z.string().min(1).optional(),
});

/** Values `inspectionReport.framework` accepts; package.json declares the same pattern. */
export const FRAMEWORK_SETTING =
  /^(auto|slac|sif|ilacs|school-2005|school-2012|report-card|area-send|social-care|cqc|estyn|ciw|care-inspectorate-scotland|user:.+)$/;

/** Each setting's schema and default, keyed by its name below `inspectionReport.`. */
export const settingSchemas = {
  autoDetect: z.boolean().default(true),
  framework: z
    .string()
    .regex(FRAMEWORK_SETTING, 'use auto, a framework id (slac, sif, ilacs, ...) or user:<name>')
    .default('auto'),
  scales: z.array(userScaleSchema).default([]),
  'diagnostics.enable': z.boolean().default(true),
  'diagnostics.severity': z.record(z.string(), severityOverride).default({}),
  maxOutlineNodes: z.number().int().min(10).max(1_000_000).default(5000),
} as const;

export type SettingName = keyof typeof settingSchemas;

/** Validated settings as the server uses them. */
export interface Settings {
  autoDetect: boolean;
  framework: string;
  scales: z.infer<typeof userScaleSchema>[];
  diagnosticsEnable: boolean;
  severity: Record<string, z.infer<typeof severityOverride>>;
  maxOutlineNodes: number;
}

/** Result of validating raw settings: the usable values and one message per rejected value. */
export interface SanitizedSettings {
  settings: Settings;
  problems: string[];
}

function pick<K extends SettingName>(raw: Record<string, unknown>, name: K, problems: string[]) {
  const schema = settingSchemas[name];
  const value = readPath(raw, name);
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data as z.output<(typeof settingSchemas)[K]>;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  problems.push(
    `Setting "${SECTION}.${name}" is invalid${where}: ${issue?.message ?? 'bad value'}. Using its default instead.`,
  );
  return schema.parse(undefined) as z.output<(typeof settingSchemas)[K]>;
}

/** Reads `a.b` from either a flat `{ 'a.b': v }` or a nested `{ a: { b: v } }` object. */
function readPath(raw: Record<string, unknown>, name: string): unknown {
  if (name in raw) return raw[name];
  let node: unknown = raw;
  for (const key of name.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Validates the `inspectionReport` configuration section; never throws. */
export function sanitizeSettings(raw: unknown): SanitizedSettings {
  const problems: string[] = [];
  const source = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const settings: Settings = {
    autoDetect: pick(source, 'autoDetect', problems),
    framework: pick(source, 'framework', problems),
    scales: pick(source, 'scales', problems),
    diagnosticsEnable: pick(source, 'diagnostics.enable', problems),
    severity: pick(source, 'diagnostics.severity', problems),
    maxOutlineNodes: pick(source, 'maxOutlineNodes', problems),
  };
  return { settings, problems };
}

/** Defaults of every setting, as `package.json` must declare them. */
export function settingDefaults(): Record<SettingName, unknown> {
  const out = {} as Record<SettingName, unknown>;
  for (const name of Object.keys(settingSchemas) as SettingName[])
    out[name] = settingSchemas[name].parse(undefined);
  return out;
}
