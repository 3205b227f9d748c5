import type { Strings } from './en.js';

export const es: Strings = {
  title: 'Preferencias de notificaciones',
  channelsHeading: 'Canales',
  channelsHint: 'Desactiva un canal para dejar de recibir cualquier notificación por él.',
  notiflowsHeading: 'Notificaciones',
  allColumn: 'Activado',
  channel: {
    email: 'Correo',
    sms: 'SMS',
    in_app: 'En la aplicación',
    web_push: 'Push del navegador',
    mobile_push: 'Push móvil',
    chat: 'Chat',
  },
  globalSwitch: '{channel} — todas las notificaciones',
  masterSwitch: '{notiflow} — todos los canales',
  rowSwitch: '{notiflow} — {channel}',
  offBecauseChannel: 'Desactivado: {channel} está desactivado para todas las notificaciones.',
  turnChannelOn: 'Activar {channel}',
  offBecauseNotiflow: 'Desactivado: esta notificación está desactivada.',
  otherSection: 'Otras notificaciones',
  alwaysOn: 'Siempre activa',
  requiredNote: 'Siempre activa: esta notificación es obligatoria y no se puede desactivar.',
  loading: 'Cargando preferencias…',
  empty: 'Todavía no hay notificaciones que configurar.',
  loadFailed: 'No se pudieron cargar tus preferencias.',
  retry: 'Reintentar',
  saving: 'Guardando…',
  saved: 'Guardado',
  retrying: 'Aún no guardado — se reintentará',
  failed: 'No se pudo guardar',
  pushHeading: 'Notificaciones push en este dispositivo',
  pushChecking: 'Comprobando este navegador…',
  pushState: {
    unsupported: 'Este navegador no puede recibir notificaciones push.',
    'ios-needs-install':
      'En iPhone y iPad, primero añade este sitio a la pantalla de inicio: toca Compartir, luego «Añadir a pantalla de inicio», y ábrelo desde allí.',
    prompt: 'Recibe notificaciones en este dispositivo, incluso con el sitio cerrado.',
    denied:
      'Las notificaciones están bloqueadas para este sitio. Abre la configuración del sitio (el icono a la izquierda de la dirección), permite las notificaciones y recarga.',
    subscribing: 'Activando…',
    subscribed: 'Este navegador está registrado: las notificaciones llegan aquí.',
    unsubscribed: 'Este navegador no está registrado para notificaciones.',
    error: 'No se pudieron activar las notificaciones en este dispositivo.',
  },
  pushHint: {
    brave:
      'En Brave, activa «Usar los servicios de Google para mensajes push» en brave://settings/privacy y vuelve a intentarlo.',
    edge: 'En Windows, comprueba que las notificaciones estén activadas en Configuración › Sistema › Notificaciones y vuelve a intentarlo.',
    'quiet-prompt':
      '¿No ves la solicitud? Puede que el navegador la haya ocultado: busca un icono de campana en la barra de direcciones.',
    'other-account':
      'Las notificaciones de este navegador van ahora a otra cuenta que inició sesión aquí.',
    'removed-elsewhere':
      'Este navegador se quitó de tus dispositivos desde otro dispositivo. Activa las notificaciones para volver a recibirlas aquí.',
    slow: 'Seguimos intentando contactar con el servicio push de tu navegador…',
  },
  pushAccountOff:
    'El push del navegador está desactivado para tu cuenta (ver Canales): no llegará nada aquí mientras siga desactivado.',
  enablePush: 'Activar notificaciones',
  takeOverPush: 'Recibirlas en esta cuenta',
  devicesHeading: 'Tus dispositivos',
  devicesLoading: 'Cargando tus dispositivos…',
  devicesNone: 'Ningún navegador recibe tus notificaciones.',
  devicesShowAll: 'Mostrar todos ({count})',
  deviceAdded: 'añadido el {date}',
  deviceCurrent: 'Este navegador',
  deviceRemove: 'Quitar',
  deviceRemoveLabel: 'Quitar {device}, añadido el {date}',
  deviceRemoveConfirm: '¿Dejar de enviar notificaciones a {device}?',
  deviceRemoveYes: 'Quitar',
  deviceRemoved: '{device} quitado: ya no recibe notificaciones.',
  cancel: 'Cancelar',
  disablePush: 'Desactivar en este dispositivo',
  testPush: 'Enviar una notificación de prueba',
  testPushTitle: 'Notificación de prueba',
  testPushBody: 'Las notificaciones de este sitio se verán así.',
  testPushSent:
    'Prueba mostrada: este dispositivo puede mostrar notificaciones (esto no prueba la entrega).',
  testPushChecklist:
    '¿No apareció nada? Revisa No molestar o Concentración, y los ajustes de notificaciones de este navegador y de este sitio.',
  promptTitle: '¿Activar las notificaciones?',
  promptBody:
    'Recibe novedades en este dispositivo, incluso con este sitio cerrado. Puedes desactivarlas cuando quieras.',
  promptAllow: 'Permitir',
  promptNotNow: 'Ahora no',
  promptTopics: 'Avisarme de',
  promptClose: 'Cerrar',
  fallbackTitle: 'Nueva notificación',
  fallbackBody: 'Ábrela para ver las novedades.',
  error: {
    secret_key_in_browser:
      'Las notificaciones están mal configuradas en esta página (se usó una clave secreta). Avisa al responsable del sitio.',
    invalid_config:
      'Las notificaciones están mal configuradas en esta página. Avisa al responsable del sitio.',
    unauthenticated: 'Tu sesión ha caducado. Recarga la página para volver a entrar.',
    network_error: 'Parece que no tienes conexión.',
    service_worker_failed: 'El servicio de notificaciones del sitio no está bien configurado.',
    push_service_error: 'El servicio push del navegador no respondió. Inténtalo más tarde.',
    other: 'Algo salió mal.',
  },
};
