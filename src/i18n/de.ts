import type { Strings } from './en.js';

export const de: Strings = {
  title: 'Benachrichtigungseinstellungen',
  channelsHeading: 'Kanäle',
  channelsHint:
    'Schalten Sie einen Kanal aus, um darüber keine Benachrichtigungen mehr zu erhalten.',
  notiflowsHeading: 'Benachrichtigungen',
  allColumn: 'An',
  channel: {
    email: 'E-Mail',
    sms: 'SMS',
    in_app: 'In der App',
    web_push: 'Browser-Push',
    mobile_push: 'Mobile-Push',
    chat: 'Chat',
  },
  globalSwitch: '{channel} — alle Benachrichtigungen',
  masterSwitch: '{notiflow} — alle Kanäle',
  rowSwitch: '{notiflow} — {channel}',
  offBecauseChannel: 'Aus: {channel} ist für alle Benachrichtigungen ausgeschaltet.',
  turnChannelOn: '{channel} einschalten',
  offBecauseNotiflow: 'Aus: diese Benachrichtigung ist ausgeschaltet.',
  otherSection: 'Weitere Benachrichtigungen',
  alwaysOn: 'Immer an',
  requiredNote:
    'Immer an: Diese Benachrichtigung ist erforderlich und kann nicht abgeschaltet werden.',
  filterLabel: 'Benachrichtigungen filtern',
  filterNone: 'Keine Benachrichtigung passt zu „{query}“.',
  filterCount: '{count} angezeigt',
  pauseAll: 'Alles ausschalten',
  resume: 'Wieder einschalten',
  resumeAll: 'Alle wieder einschalten',
  paused: 'Pausiert: Sie erhalten keine Benachrichtigungen.',
  pausedExcept: 'Pausiert: Sie erhalten nur Benachrichtigungen, die immer an sind ({notiflows}).',
  pausedElsewhere:
    'Dieser Browser weiß nicht, welche Kanäle vorher an waren: Schalten Sie alle wieder ein oder wählen Sie unten aus.',
  loading: 'Einstellungen werden geladen…',
  empty: 'Noch keine Benachrichtigungen einzustellen.',
  loadFailed: 'Ihre Einstellungen konnten nicht geladen werden.',
  retry: 'Erneut versuchen',
  saving: 'Wird gespeichert…',
  saved: 'Gespeichert',
  retrying: 'Noch nicht gespeichert — neuer Versuch folgt',
  failed: 'Speichern fehlgeschlagen',
  pushHeading: 'Push-Benachrichtigungen auf diesem Gerät',
  pushChecking: 'Dieser Browser wird geprüft…',
  pushState: {
    unsupported: 'Dieser Browser kann keine Push-Benachrichtigungen empfangen.',
    'ios-needs-install':
      'Auf iPhone und iPad fügen Sie diese Website zuerst zum Home-Bildschirm hinzu: Teilen antippen, dann „Zum Home-Bildschirm“, und von dort öffnen.',
    prompt:
      'Erhalten Sie Benachrichtigungen auf diesem Gerät, auch wenn die Website geschlossen ist.',
    denied:
      'Benachrichtigungen sind für diese Website blockiert. Öffnen Sie die Website-Einstellungen (Symbol links der Adresse), erlauben Sie Benachrichtigungen und laden Sie neu.',
    subscribing: 'Wird eingeschaltet…',
    subscribed: 'Dieser Browser ist registriert: Benachrichtigungen kommen hier an.',
    unsubscribed: 'Dieser Browser ist nicht für Benachrichtigungen registriert.',
    error: 'Benachrichtigungen konnten auf diesem Gerät nicht eingeschaltet werden.',
  },
  pushHint: {
    brave:
      'Aktivieren Sie in Brave „Google-Dienste für Push-Nachrichten verwenden“ unter brave://settings/privacy und versuchen Sie es erneut.',
    edge: 'Prüfen Sie unter Windows, ob Benachrichtigungen in Einstellungen › System › Benachrichtigungen aktiv sind, und versuchen Sie es erneut.',
    'quiet-prompt':
      'Keine Abfrage? Ihr Browser hat sie vielleicht ausgeblendet: Suchen Sie ein Glockensymbol in der Adressleiste.',
    'other-account':
      'Benachrichtigungen in diesem Browser gehen derzeit an ein anderes hier angemeldetes Konto.',
    'removed-elsewhere':
      'Dieser Browser wurde auf einem anderen Gerät aus Ihren Geräten entfernt. Aktivieren Sie Benachrichtigungen, um sie hier wieder zu erhalten.',
    slow: 'Der Push-Dienst Ihres Browsers wird weiterhin kontaktiert…',
  },
  pushAccountOff:
    'Browser-Push ist für Ihr Konto ausgeschaltet (siehe Kanäle): Hier kommt nichts an, solange er aus ist.',
  enablePush: 'Benachrichtigungen aktivieren',
  takeOverPush: 'Für dieses Konto empfangen',
  devicesHeading: 'Ihre Geräte',
  devicesLoading: 'Ihre Geräte werden geladen…',
  devicesNone: 'Kein Browser empfängt Ihre Benachrichtigungen.',
  devicesShowAll: 'Alle anzeigen ({count})',
  deviceAdded: 'hinzugefügt am {date}',
  deviceCurrent: 'Dieser Browser',
  deviceRemove: 'Entfernen',
  deviceRemoveLabel: '{device} entfernen, hinzugefügt am {date}',
  deviceRemoveConfirm: 'Keine Benachrichtigungen mehr an {device} senden?',
  deviceRemoveYes: 'Entfernen',
  deviceRemoved: '{device} entfernt: Dort kommen keine Benachrichtigungen mehr an.',
  cancel: 'Abbrechen',
  disablePush: 'Auf diesem Gerät ausschalten',
  testPush: 'Testbenachrichtigung senden',
  testPushTitle: 'Testbenachrichtigung',
  testPushBody: 'So erscheinen Benachrichtigungen dieser Website.',
  testPushSent:
    'Test angezeigt: Dieses Gerät kann Benachrichtigungen anzeigen (die Zustellung prüft das nicht).',
  testPushChecklist:
    'Nichts erschienen? Prüfen Sie „Nicht stören“ bzw. Fokus und die Benachrichtigungseinstellungen dieses Browsers und dieser Website.',
  promptTitle: 'Benachrichtigungen einschalten?',
  promptBody:
    'Erhalten Sie Neuigkeiten auf diesem Gerät, auch wenn diese Website geschlossen ist. Sie können sie jederzeit abschalten.',
  promptAllow: 'Erlauben',
  promptNotNow: 'Später',
  promptTopics: 'Benachrichtigen bei',
  promptClose: 'Schließen',
  fallbackTitle: 'Neue Benachrichtigung',
  fallbackBody: 'Öffnen, um Neues zu sehen.',
  error: {
    secret_key_in_browser:
      'Benachrichtigungen sind auf dieser Seite falsch eingerichtet (geheimer Schlüssel). Bitte informieren Sie den Betreiber der Website.',
    invalid_config:
      'Benachrichtigungen sind auf dieser Seite falsch eingerichtet. Bitte informieren Sie den Betreiber der Website.',
    unauthenticated:
      'Ihre Sitzung ist abgelaufen. Laden Sie die Seite neu, um sich wieder anzumelden.',
    network_error: 'Sie scheinen offline zu sein.',
    service_worker_failed:
      'Der Benachrichtigungsdienst der Website ist nicht richtig eingerichtet.',
    push_service_error:
      'Der Push-Dienst des Browsers hat nicht geantwortet. Versuchen Sie es später erneut.',
    other: 'Etwas ist schiefgelaufen.',
  },
};
