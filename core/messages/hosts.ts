/** Which screens live where: the server (participants from home, cabinet, dashboard) and a classroom kiosk (participants). */
export const hostMessages = {
  appTitle: 'Всероссийская акция «Мое будущее»',
  checking: 'Загрузка…',
  cabinetOnServer:
    'Кабинет соорганизатора и панель организатора открываются на сервере акции, а не на компьютере класса. Откройте в браузере адрес сервера, который указан в инструкции к установке.',
  toKiosk: 'К заданиям участника',
} as const;
