import type { Strings } from './en.js';

export const fr: Strings = {
  title: 'Préférences de notification',
  channelsHeading: 'Canaux',
  channelsHint: 'Désactivez un canal pour ne plus recevoir aucune notification par ce biais.',
  notiflowsHeading: 'Notifications',
  allColumn: 'Activé',
  channel: {
    email: 'E-mail',
    sms: 'SMS',
    in_app: 'Dans l’application',
    web_push: 'Push navigateur',
    mobile_push: 'Push mobile',
    chat: 'Messagerie',
  },
  globalSwitch: '{channel} — toutes les notifications',
  masterSwitch: '{notiflow} — tous les canaux',
  rowSwitch: '{notiflow} — {channel}',
  offBecauseChannel: 'Désactivé : {channel} est désactivé pour toutes les notifications.',
  turnChannelOn: 'Activer {channel}',
  offBecauseNotiflow: 'Désactivé : cette notification est désactivée.',
  otherSection: 'Autres notifications',
  alwaysOn: 'Toujours activée',
  requiredNote:
    'Toujours activée : cette notification est obligatoire et ne peut pas être désactivée.',
  filterLabel: 'Filtrer les notifications',
  filterNone: 'Aucune notification ne correspond à « {query} ».',
  filterCount: '{count} affichées',
  pauseAll: 'Tout désactiver',
  resume: 'Réactiver',
  resumeAll: 'Tout réactiver',
  paused: 'En pause : aucune notification ne vous parvient.',
  pausedExcept:
    'En pause : seules les notifications toujours activées vous parviennent ({notiflows}).',
  pausedElsewhere:
    'Ce navigateur ne sait pas quels canaux étaient activés avant : réactivez-les tous, ou choisissez ci-dessous.',
  loading: 'Chargement des préférences…',
  empty: 'Aucune notification à configurer pour l’instant.',
  loadFailed: 'Impossible de charger vos préférences.',
  retry: 'Réessayer',
  saving: 'Enregistrement…',
  saved: 'Enregistré',
  retrying: 'Pas encore enregistré — nouvel essai bientôt',
  failed: 'Échec de l’enregistrement',
  pushHeading: 'Notifications push sur cet appareil',
  pushChecking: 'Vérification de ce navigateur…',
  pushState: {
    unsupported: 'Ce navigateur ne peut pas recevoir de notifications push.',
    'ios-needs-install':
      'Sur iPhone et iPad, ajoutez d’abord ce site à l’écran d’accueil : touchez Partager, puis « Sur l’écran d’accueil », et ouvrez-le depuis là.',
    prompt: 'Recevez les notifications sur cet appareil, même quand ce site est fermé.',
    denied:
      'Les notifications sont bloquées pour ce site. Pour les autoriser, ouvrez les réglages du site (l’icône à gauche de l’adresse), autorisez les notifications, puis rechargez.',
    subscribing: 'Activation…',
    subscribed: 'Ce navigateur est enregistré : les notifications arrivent ici.',
    unsubscribed: 'Ce navigateur n’est pas enregistré pour les notifications.',
    error: 'Impossible d’activer les notifications sur cet appareil.',
  },
  pushHint: {
    brave:
      'Dans Brave, activez « Utiliser les services Google pour la messagerie push » dans brave://settings/privacy, puis réessayez.',
    edge: 'Sous Windows, vérifiez que les notifications sont activées dans Paramètres › Système › Notifications, puis réessayez.',
    'quiet-prompt':
      'Pas de demande ? Votre navigateur l’a peut-être masquée : cherchez une icône de cloche dans la barre d’adresse.',
    'other-account':
      'Les notifications de ce navigateur vont actuellement à un autre compte connecté ici.',
    'removed-elsewhere':
      'Ce navigateur a été retiré de vos appareils depuis un autre appareil. Activez les notifications pour les recevoir ici de nouveau.',
    slow: 'Nous essayons toujours de joindre le service push de votre navigateur…',
  },
  pushAccountOff:
    'Le push navigateur est désactivé pour votre compte (voir Canaux) : rien n’arrivera ici tant qu’il reste désactivé.',
  enablePush: 'Activer les notifications',
  takeOverPush: 'Les recevoir sur ce compte',
  devicesHeading: 'Vos appareils',
  devicesLoading: 'Chargement de vos appareils…',
  devicesNone: 'Aucun navigateur ne reçoit vos notifications.',
  devicesShowAll: 'Tout afficher ({count})',
  deviceAdded: 'ajouté le {date}',
  deviceCurrent: 'Ce navigateur',
  deviceRemove: 'Retirer',
  deviceRemoveLabel: 'Retirer {device}, ajouté le {date}',
  deviceRemoveConfirm: 'Ne plus envoyer de notifications à {device} ?',
  deviceRemoveYes: 'Retirer',
  deviceRemoved: '{device} retiré : il ne reçoit plus de notifications.',
  cancel: 'Annuler',
  disablePush: 'Désactiver sur cet appareil',
  testPush: 'Envoyer une notification de test',
  testPushTitle: 'Notification de test',
  testPushBody: 'Les notifications de ce site s’afficheront ainsi.',
  testPushSent:
    'Test affiché : cet appareil peut afficher des notifications (cela ne teste pas l’envoi).',
  testPushChecklist:
    'Rien n’est apparu ? Vérifiez Ne pas déranger ou Concentration, et les réglages de notifications de ce navigateur et de ce site.',
  promptTitle: 'Activer les notifications ?',
  promptBody:
    'Recevez les nouveautés sur cet appareil, même quand ce site est fermé. Vous pouvez les couper à tout moment.',
  promptAllow: 'Autoriser',
  promptNotNow: 'Plus tard',
  promptTopics: 'M’avertir pour',
  promptClose: 'Fermer',
  fallbackTitle: 'Nouvelle notification',
  fallbackBody: 'Ouvrez pour voir les nouveautés.',
  error: {
    secret_key_in_browser:
      'Les notifications sont mal configurées sur cette page (clé secrète utilisée). Merci de prévenir le propriétaire du site.',
    invalid_config:
      'Les notifications sont mal configurées sur cette page. Merci de prévenir le propriétaire du site.',
    unauthenticated: 'Votre session a expiré. Rechargez la page pour vous reconnecter.',
    network_error: 'Vous semblez hors ligne.',
    service_worker_failed: 'Le service de notifications du site n’est pas correctement installé.',
    push_service_error: 'Le service push du navigateur n’a pas répondu. Réessayez plus tard.',
    other: 'Une erreur est survenue.',
  },
};
