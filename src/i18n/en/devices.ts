/** "Your devices" in the push card (with `devices`, and in the panel's card). */
export const enDevices = {
  devicesHeading: 'Your devices',
  devicesLoading: 'Loading your devices…',
  devicesNone: 'No browser receives your notifications.',
  devicesShowAll: 'Show all ({count})',
  deviceAdded: 'added {date}',
  deviceCurrent: 'This browser',
  deviceRemove: 'Remove',
  deviceRemoveLabel: 'Remove {device}, added {date}',
  deviceRemoveConfirm: 'Stop sending notifications to {device}?',
  deviceRemoveYes: 'Remove',
  deviceRemoved: '{device} removed: it gets no more notifications.',
  cancel: 'Cancel',
};

/** "Your devices" strings: what a locale must say for it. */
export type DevicesStrings = typeof enDevices;
