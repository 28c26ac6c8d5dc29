"""Texts WhatsApp writes itself into exports, in the languages met in seized phones.

Placeholders for media left out of the export, deleted messages, missed calls, system notices,
attachment suffixes and chat titles in file names. Comparison is done on lower-cased text with
direction marks removed; a final full stop is ignored.
"""

from __future__ import annotations

import re
import unicodedata


def nfc(text: str) -> str:
    """Canonical composition: Hindi nukta letters, Vietnamese tones, ... compare equal whatever their form."""
    return unicodedata.normalize("NFC", text)


# Android "<Media omitted>" (any media type; a caption may follow on the next lines).
MEDIA_OMITTED = {
    "<media omitted>", "<médias omis>", "<fichier omis>", "<medien ausgeschlossen>",
    "<medien weggelassen>", "<media weggelaten>", "<archivo omitido>", "<multimedia omitido>",
    "<media omesso>", "<media omessi>", "<mídia omitida>", "<ficheiro não revelado>",
    "<без медиафайлов>", "<файл пропущен>", "<медіа пропущено>", "<média vynechány>",
    "<média vynechána>", "<medya atlanmış>", "<pliki pominięto>", "<conținut media omis>",
    "<تم استبعاد الوسائط>", "<मीडिया के बिना>", "<media tidak disertakan>", "<メディアは含まれていません>",
    "<bỏ qua media>", "<สื่อถูกลบ>", "<media disingkirkan>",
}  # fmt: skip
MEDIA_OMITTED = {nfc(text) for text in MEDIA_OMITTED}

# iOS "image omitted" and its siblings, by media type.
OMITTED_BY_TYPE: dict[str, tuple[str, ...]] = {
    "image": (
        "image omitted", "image absente", "bild weggelassen", "imagen omitida", "immagine omessa",
        "imagem não revelada", "imagem ocultada", "afbeelding weggelaten", "изображение отсутствует",
        "зображення відсутнє", "obrázek vynechán", "لم يتم إدراج الصورة", "फ़ोटो हटाई गई",
        "gambar tidak disertakan", "画像は含まれていません", "ไม่มีรูปภาพ", "đã bỏ qua hình ảnh",
        "görüntü dahil edilmedi", "obraz pominięty", "imagine omisă",
    ),
    "video": (
        "video omitted", "vidéo absente", "video weggelassen", "video omitido", "video omesso",
        "vídeo não revelado", "vídeo omitido", "video weggelaten", "видео отсутствует",
        "відео відсутнє", "video vynecháno", "لم يتم إدراج الفيديوهات", "वीडियो छोड़ा गया",
        "video tidak disertakan", "ビデオは含まれていません", "วิดีโอถูกลบ", "đã bỏ video",
        "video dahil edilmedi", "wideo pominięte", "clip video omis",
    ),
    "audio": (
        "audio omitted", "audio omis", "audio weggelassen", "audio omitido", "audio omesso",
        "ficheiro de áudio não revelado", "áudio ocultado", "audio weggelaten", "аудиофайл отсутствует",
        "аудіо відсутнє", "zvukový soubor vynechán", "لم يتم إدراج المقاطع الصوتية", "ऑडियो हटाई गयी",
        "audio tidak disertakan", "音声は含まれていません", "ไม่มีไฟล์เสียง", "bỏ qua tệp âm thanh",
        "ses dahil edilmedi", "audio pominięte", "fără audio",
    ),
    "sticker": (
        "sticker omitted", "sticker omis", "sticker weggelassen", "sticker omitido",
        "sticker non incluso", "sticker não revelado", "figurinha omitida", "sticker weggelaten",
        "стикер не добавлен", "наклейку не додано", "nálepka vynechána", "تم حذف الملصقات",
        "स्टिकर छोड़ा गया", "stiker tidak disertakan", "スタンプは含まれていません", "ไม่มีสติกเกอร์",
        "đã bỏ sticker", "çıkartma dahil edilmedi", "pominięto naklejkę",
    ),
    "gif": (
        "gif omitted", "gif retiré", "gif weggelassen", "gif omitido", "gif esclusa",
        "gif não revelada", "gif weggelaten", "gif отсутствует", "gif-анімацію пропущено",
        "gif vynechán", "لم يتم إدراج صورة gif", "gif छोड़ा गया", "gif tidak disertakan",
        "gifは含まれていません", "ละเว้น gif", "đã bỏ qua ảnh gif", "gif dahil edilmedi", "gif omis",
    ),
    "document": (
        "document omitted", "document manquant", "dokument weggelassen", "documento omitido",
        "documento omesso", "documento não revelado", "document weggelaten", "документ отсутствует",
        "документ пропущено", "dokument vynechán", "لم يتم إدراج المستند", "डॉक्यूमेंट छोड़ा गया",
        "dokumen tidak disertakan", "ドキュメントは含まれていません", "ละเว้นเอกสาร",
        "đã bỏ qua tài liệu", "belge dahil edilmedi", "dokument pominięty", "document omis",
    ),
    "contact": (
        "contact card omitted", "fiche contact manquante", "kontaktkarte ausgelassen",
        "tarjeta de contacto omitida", "scheda contatto omessa", "contacto não revelado",
        "cartão do contato omitido", "visitekaartje weggelaten", "карточка контакта отсутствует",
        "картка контакту відсутня", "vizitka vynechána", "لم يتم إدراج بطاقة جهة اتصال",
        "कॉन्टैक्ट कार्ड छोड़ा गया", "kartu kontak tidak disertakan", "連絡先カードを省略",
        "บัตรรายชื่อที่ละเว้น", "bỏ qua thẻ liên lạc", "kişi kartı dahil edilmedi",
        "pominięta wizytówka kontaktu",
    ),
}  # fmt: skip
OMITTED = {nfc(text): kind for kind, texts in OMITTED_BY_TYPE.items() for text in texts}

DELETED = {
    "this message was deleted", "you deleted this message", "ce message a été supprimé",
    "vous avez supprimé ce message", "diese nachricht wurde gelöscht", "du hast diese nachricht gelöscht",
    "se eliminó este mensaje", "eliminaste este mensaje", "este mensaje fue eliminado",
    "questo messaggio è stato eliminato", "hai eliminato questo messaggio", "esta mensagem foi apagada",
    "apagou esta mensagem", "você apagou esta mensagem", "mensagem apagada", "dit bericht is verwijderd",
    "u hebt dit bericht verwijderd", "данное сообщение удалено", "вы удалили данное сообщение",
    "вы удалили это сообщение", "це повідомлення було видалено", "ви видалили це повідомлення",
    "tato zpráva byla smazána", "tuto zprávu jste smazal/a", "tato zpráva byla odstraněna",
    "tuto zprávu jste odstranil/a",
    "تم حذف هذه الرسالة", "لقد حذَفت هذه الرسالة", "أنت حذفت هذه الرسالة", "यह मैसेज डिलीट कर दिया गया है",
    "आपने यह मैसेज डिलीट किया", "pesan ini dihapus", "anda menghapus pesan ini",
    "このメッセージは削除されました", "このメッセージは削除されました。", "このメッセージを削除しました",
    "このメッセージを削除しました。", "ข้อความนี้ถูกลบแล้ว", "คุณได้ลบข้อความนี้", "tin nhắn này đã bị xóa",
    "tin nhắn này đã bị xoá", "bạn đã xóa tin nhắn này", "bạn đã xoá tin nhắn này", "bu mesaj silindi",
    "bu mesajı sildiniz", "ta wiadomość została usunięta", "acest mesaj a fost șters", "ați șters acest mesaj",
}  # fmt: skip
DELETED = {nfc(text) for text in DELETED}

# Missed calls are written by WhatsApp as a message of the caller.
MISSED_CALLS = {
    "missed voice call": "voice", "missed video call": "video", "appel vocal manqué": "voice",
    "appel vidéo manqué": "video", "verpasster sprachanruf": "voice", "verpasster videoanruf": "video",
    "llamada perdida": "voice", "llamada de voz perdida": "voice", "videollamada perdida": "video",
    "chiamata vocale persa": "voice", "videochiamata persa": "video", "chamada de voz perdida": "voice",
    "videochamada perdida": "video", "chamada de vídeo perdida": "video", "gemiste spraakoproep": "voice",
    "gemiste video-oproep": "video", "пропущенный аудиозвонок": "voice", "пропущенный видеозвонок": "video",
    "cevapsız sesli arama": "voice", "cevapsız görüntülü arama": "video", "مكالمة صوتية فائتة": "voice",
    "مكالمة فيديو فائتة": "video", "zmeškaný hovor": "voice", "zmeškaný hlasový hovor": "voice",
    "zmeškaný videohovor": "video",
}  # fmt: skip
MISSED_CALLS = {nfc(text): kind for text, kind in MISSED_CALLS.items()}

LIVE_LOCATION = {
    "live location shared", "position en direct partagée", "localisation en direct partagée",
    "live-standort geteilt", "ubicación en tiempo real compartida", "posizione attuale condivisa",
    "геоданные отправлены", "live-locatie gedeeld",
}  # fmt: skip
LIVE_LOCATION = {nfc(text) for text in LIVE_LOCATION}

EDITED_SUFFIXES = (
    "<this message was edited>", "<ce message a été modifié>", "<diese nachricht wurde bearbeitet>",
    "<se editó este mensaje.>", "<questo messaggio è stato modificato>", "<mensagem editada>",
    "<dit bericht is bewerkt>", "<сообщение изменено>",
)  # fmt: skip

# Notices WhatsApp puts under the chat's or a contact's name (old Android group exports, every
# iOS export): the line has a "Name: " but nobody wrote it.
SYSTEM_PREFIXES = (
    "messages and calls are end-to-end encrypted", "messages to this group are now secured",
    "messages you send to this group are now secured", "messages you send to this chat and calls are now secured",
    "les messages et les appels sont chiffrés de bout en bout", "les messages envoyés dans ce groupe",
    "nachrichten und anrufe sind ende-zu-ende-verschlüsselt", "los mensajes y las llamadas están cifrados",
    "i messaggi e le chiamate sono crittografati", "as mensagens e chamadas são", "as mensagens e as chamadas são",
    "berichten en oproepen worden end-to-end versleuteld", "berichten en gesprekken worden end-to-end",
    "сообщения и звонки защищены сквозным шифрованием", "повідомлення й дзвінки захищено",
    "zprávy a hovory jsou", "mesajlar ve aramalar uçtan uca şifrelidir", "الرسائل والمكالمات مشفرة",
    "your security code with", "votre code de sécurité avec", "deine sicherheitsnummer für",
)  # fmt: skip

# Phrases of system lines that quote user text containing ": " (the subject of a group, its
# description): the part before that ": " is then not a sender's name.
SYSTEM_VERBS = re.compile(
    r" (?:created group|changed the subject|changed the group name|changed this group's"
    r"|a créé le groupe|a modifié le sujet|a changé le sujet|a modifié le nom du groupe"
    r"|avez créé le groupe|avez modifié le sujet|hat die gruppe|hat den betreff|creó el grupo"
    r"|cambió el asunto|ha creato il gruppo|ha cambiato l'oggetto|criou o grupo|mudou o assunto"
    r"|heeft groep|heeft het onderwerp|создал\(а\) группу|изменил\(а\) тему)",
    re.IGNORECASE,
)

# A group chat shows itself in system lines of a kind no direct chat has.
GROUP_HINTS = re.compile(
    r"created group|added|joined using|left$|removed|changed the subject|group's|"
    r"a créé le groupe|a ajouté|vous a ajouté|a rejoint|est parti|a retiré|groupe|"
    r"hat die gruppe|hinzugefügt|creó el grupo|añadió|ha creato il gruppo|ha aggiunto|"
    r"criou o grupo|adicionou|heeft groep|toegevoegd|создал\(а\) группу|добавил|"
    r"přidal|vytvořil|أنشأ|أضاف",
    re.IGNORECASE,
)

# Android attachment lines: "IMG-20220323-WA0002.jpg (file attached)", localised.
ATTACHED = re.compile(
    r"(?P<file>.+?) \((?:file attached|fichier joint|datei angehängt|archivo adjuntado|file allegato"
    r"|arquivo anexado|ficheiro anexado|bestand bijgevoegd|файл добавлен|файл додано"
    r"|soubor byl přiložen|الملف مرفق|dosya ekli|załączony plik|fișier atașat|file terlampir"
    r"|添付ファイル有り|ไฟล์ที่แนบ|tệp đính kèm|फाइल संलग्न)\)",
    re.IGNORECASE,
)
# iOS exports made with media: "<attached: 00000035-PHOTO-2022-03-27-21-41-55.jpg>", localised.
IOS_ATTACHED = re.compile(
    r"(?P<before>.*?)<(?:attached|pièce jointe|anhang|angehängt|adjunto|allegato|anexo|anexado"
    r"|bijgevoegd|прикреплено|додано|příloha|المُرفق|eklendi|załączono|terlampir|添付ファイル|แนบ"
    r"|đính kèm|अटैच किया गया): (?P<file>[^<>]+)>",
    re.IGNORECASE,
)

MAPS = re.compile(
    r"(?:(?P<label>[^\n:]{1,40}):\s*)?(?P<url>https?://maps\.google\.com/\?q=(?P<lat>-?\d+(?:\.\d+)?),"
    r"(?P<lon>-?\d+(?:\.\d+)?)\S*)"
)
FOURSQUARE = re.compile(r"(?P<place>.+?)(?::\s|\n)(?:(?P<address>.+)\n)?(?P<url>https?://foursquare\.com/\S+)")

_MEDIA_BY_EXT = {
    **dict.fromkeys((".jpg", ".jpeg", ".png", ".heic", ".bmp"), "image"),
    **dict.fromkeys((".mp4", ".mov", ".3gp", ".avi", ".mkv"), "video"),
    **dict.fromkeys((".opus", ".ogg", ".m4a", ".mp3", ".aac", ".amr", ".wav"), "audio"),
    ".webp": "sticker",
    ".gif": "gif",
    ".vcf": "contact",
}
_MEDIA_BY_TAG = (
    ("-STICKER-", "sticker"), ("STK-", "sticker"), ("-GIF-", "gif"), ("-PHOTO-", "image"),
    ("IMG-", "image"), ("-VIDEO-", "video"), ("VID-", "video"), ("-AUDIO-", "audio"),
    ("PTT-", "audio"), ("AUD-", "audio"),
)  # fmt: skip


def media_type_of(file_name: str) -> str:
    """The media type of an attached file from its WhatsApp name, else its extension."""
    upper = file_name.upper()
    dot = file_name.rfind(".")
    extension = file_name[dot:].lower() if dot >= 0 else ""
    if extension == ".vcf":
        return "contact"
    for tag, media_type in _MEDIA_BY_TAG:
        if tag in upper:
            return media_type
    return _MEDIA_BY_EXT.get(extension, "document")


# File names of exports: "WhatsApp Chat with X.txt", "WhatsApp Chat - X.zip", "Discussion WhatsApp
# avec X.txt", ... The title is what follows the localised prefix.
_TITLE = re.compile(
    r"(?:WhatsApp Chat with|WhatsApp Chat -|WhatsApp Chat mit|WhatsApp-Chat mit|Discussion WhatsApp avec"
    r"|Chat de WhatsApp con|Chat WhatsApp con|Chat di WhatsApp con|Conversa do WhatsApp com"
    r"|WhatsApp-chat met|Чат WhatsApp с контактом|Чат WhatsApp с|Чат WhatsApp з"
    r"|Chat WhatsApp s uživatelem|WhatsApp Sohbeti|دردشة واتساب مع|WhatsApp-chatt med)\s*(?P<title>.+)",
    re.IGNORECASE,
)


def chat_title(file_name: str) -> str | None:
    """The chat title written in an export's file name, or None (``_chat.txt``, renamed files)."""
    base = re.split(r"[\\/]", file_name)[-1]
    stem = re.sub(r"\.(?:txt|zip)$", "", base, flags=re.IGNORECASE)
    found = _TITLE.match(" ".join(stem.split()))  # exporters put no-break spaces in these names
    if found is None:
        return None
    title = found.group("title").strip()
    return title or None
