// Texts of communications: message emails, the unsubscribe page, the console's Messages section.
// The Russian object must have exactly the English keys (checked by the type).
export const communicationsEn = {
  "comms.email.code": "Your code",
  "comms.email.openCabinet": "Open my account",
  "comms.email.unsubscribeText": "Don't want these emails?",
  "comms.email.unsubscribe": "Unsubscribe",
  "comms.unsub.title": "Email preferences",
  "comms.unsub.lead": "{email} gets news, offers and surveys from {program}.",
  "comms.unsub.leadOff": "{email} no longer gets news, offers or surveys from {program}. Account messages (sign-in links, your bookings) still arrive.",
  "comms.unsub.button": "Unsubscribe",
  "comms.unsub.done": "You are unsubscribed.",
  "comms.unsub.invalid": "This unsubscribe link is not valid. Open the newest email from us, or change your preferences in your account.",
  "comms.unsub.cabinet": "Manage all preferences in your account",
};

export const communicationsRu: Record<keyof typeof communicationsEn, string> = {
  "comms.email.code": "Ваш код",
  "comms.email.openCabinet": "Открыть личный кабинет",
  "comms.email.unsubscribeText": "Не хотите получать такие письма?",
  "comms.email.unsubscribe": "Отписаться",
  "comms.unsub.title": "Настройки рассылок",
  "comms.unsub.lead": "На адрес {email} приходят новости, предложения и опросы {program}.",
  "comms.unsub.leadOff": "На адрес {email} больше не приходят новости, предложения и опросы {program}. Служебные письма (ссылки для входа, ваши бронирования) приходят как прежде.",
  "comms.unsub.button": "Отписаться",
  "comms.unsub.done": "Вы отписались.",
  "comms.unsub.invalid": "Эта ссылка для отписки недействительна. Откройте последнее письмо от нас или измените настройки в личном кабинете.",
  "comms.unsub.cabinet": "Все настройки — в личном кабинете",
};
