/**
 * `@notiflows/web-push/headless`: everything without Lit or any UI — the API client,
 * web push on this device, the preferences store, their errors and types. Safe to import on a server (nothing touches the DOM at import).
 */
export {
  NotiflowsClient,
  NotiflowsClientBase,
  DEFAULT_API_URL,
  checkApiKey,
} from './api/client.js';
export { toWebPushSettings } from './api/web-push-settings.js';
export type { NotiflowsClientOptions, RequestOptions, RetryOptions } from './api/client.js';
export { NotiflowsError } from './api/errors.js';
export type { FieldError, NotiflowsErrorCode } from './api/errors.js';
export { decodeUserKey } from './api/user-key.js';
export type { UserAuthOptions } from './api/user-key.js';
export { CHANNEL_TYPES } from './api/types.js';
export type {
  ChannelSettings,
  ChannelSubscription,
  ChannelType,
  KnownChannelType,
  NotiflowPreference,
  Preferences,
  PreferencesUpdate,
  PushSubscriptionLike,
  WebPushSettings,
} from './api/types.js';
export { PushSubscriber, vapidKeyBytes } from './push/push-subscriber.js';
export type {
  PushChangeDetail,
  PushSubscriberEventMap,
  PushSubscriberOptions,
} from './push/push-subscriber.js';
export { deviceName } from './push/devices.js';
export type { Device } from './push/devices.js';
export { planReconcile } from './push/reconcile-plan.js';
export type { ReconcileFacts, ReconcilePlan } from './push/reconcile-plan.js';
export { logout } from './push/sign-out.js';
export { PagePush, push } from './push/page-push.js';
export type { PagePushOptions } from './push/page-push.js';
export {
  decide,
  DEFAULT_PROMPT_RULES,
  PromptMemory,
  promptRules,
  promptStats,
} from './push/prompt-memory.js';
export type {
  PromptDecision,
  PromptMemoryOptions,
  PromptRecord,
  PromptRules,
  PromptStats,
} from './push/prompt-memory.js';
export type { LogoutOptions } from './push/sign-out.js';
export { detectPushEnvironment } from './push/environment.js';
export type { PushEnvironment, PushHint, PushState } from './push/environment.js';
export type { FallbackText, RegistrationStorage } from './push/registration-store.js';
export { PreferencesStore, RETRY_DELAYS_MS } from './preferences/preferences-store.js';
export type {
  LoadState,
  PreferencesStoreEventMap,
  PreferencesStoreOptions,
  SaveState,
  SaveStatus,
} from './preferences/preferences-store.js';
export { effectiveSwitch } from './preferences/effective.js';
export { arrange, filterSections, layoutText, requiredIds } from './preferences/layout.js';
export type {
  ArrangedRow,
  ChannelLayout,
  ArrangedSection,
  LayoutSection,
  LayoutText,
  NotiflowLayout,
  PreferencesLayout,
} from './preferences/layout.js';
export type { EffectiveSwitch } from './preferences/effective.js';
export { enabledKey, globalKey, overrideKey } from './preferences/keys.js';
export type { SwitchKey } from './preferences/keys.js';
export type { PausedRecord, PendingStorage } from './preferences/pending-store.js';
