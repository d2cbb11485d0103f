import type * as Settings from '../../server/src/protocol/settings';

/**
 * The settings prefix, typed as `SECTION` of settings.ts so that the two cannot drift apart. It is
 * imported as a type only: settings.ts builds zod schemas at load time, which would put zod
 * (hundreds of KB) into the client bundle for one string.
 */
export const SECTION: typeof Settings.SECTION = 'inspectionReport';

/** The setting that turns auto-detection of reports on and off. */
export const AUTO_DETECT_SETTING: Settings.SettingName = 'autoDetect';
