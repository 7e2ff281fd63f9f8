/** Which screens live where: the server (cabinet, dashboard) and a classroom kiosk (participants). */
export const hostMessages = {
  appTitle: 'Всероссийская акция «Мое будущее»',
  checking: 'Загрузка…',
  cabinetOnServer:
    'Кабинет соорганизатора и панель организатора открываются на сервере акции, а не на компьютере класса. Откройте в браузере адрес сервера, который указан в инструкции к установке.',
  kioskOnKiosk:
    'Задания акции участники выполняют на компьютере класса (киоске). Здесь работают кабинет соорганизатора и панель организатора.',
  toKiosk: 'К заданиям участника',
  toCabinet: 'В кабинет соорганизатора',
} as const;
