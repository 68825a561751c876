/**
 * The widget's UI strings with topic labels, per language: served as
 * `GET /widget/i18n/<lang>.json` and fetched only by tickers that need them, so widget.js stays
 * within its size budget whatever languages are added. English topic labels are the head words
 * of the IPTC labels, as the dashboard's column titles use.
 */
import { shortTopicLabel } from '../../browser/channels.ts';
import { TOPICS } from '../../channels/topics.ts';
import { EN, type UiStrings } from '../client/strings.ts';

type Pack = Omit<UiStrings, 'topics'> & { topics: readonly string[] };

/** Topic labels in the order of TOPICS (src/channels/topics.ts). */
const PACKS: Record<string, Pack> = {
  ar: {
    latest: 'آخر الأخبار',
    waiting: 'في انتظار الأخبار…',
    reconnecting: 'جارٍ إعادة الاتصال…',
    unavailable: 'غير متاح',
    notEnabled: 'غير مفعّل لهذا الموقع',
    pause: 'إيقاف الأخبار مؤقتًا',
    play: 'تشغيل الأخبار',
    previous: 'الخبر السابق',
    next: 'الخبر التالي',
    more: 'المزيد من الأخبار',
    updated: 'محدَّث',
    breaking: 'عاجل',
    topics: ['ثقافة', 'جريمة', 'كوارث', 'اقتصاد', 'تعليم', 'بيئة', 'صحة', 'قصص إنسانية', 'عمل', 'أسلوب حياة', 'سياسة', 'دين', 'علوم', 'مجتمع', 'رياضة', 'نزاعات', 'طقس'],
  },
  fa: {
    latest: 'آخرین اخبار',
    waiting: 'در انتظار اخبار…',
    reconnecting: 'در حال اتصال دوباره…',
    unavailable: 'در دسترس نیست',
    notEnabled: 'برای این سایت فعال نیست',
    pause: 'توقف اخبار',
    play: 'پخش اخبار',
    previous: 'خبر قبلی',
    next: 'خبر بعدی',
    more: 'اخبار بیشتر',
    updated: 'به‌روزشده',
    breaking: 'فوری',
    topics: ['فرهنگ', 'جرم', 'حوادث', 'اقتصاد', 'آموزش', 'محیط زیست', 'سلامت', 'انسانی', 'کار', 'سبک زندگی', 'سیاست', 'دین', 'علم', 'جامعه', 'ورزش', 'درگیری', 'آب و هوا'],
  },
  ru: {
    latest: 'Последние новости',
    waiting: 'Ожидание новостей…',
    reconnecting: 'Переподключение…',
    unavailable: 'Недоступно',
    notEnabled: 'Не включено для этого сайта',
    pause: 'Приостановить новости',
    play: 'Возобновить новости',
    previous: 'Предыдущая новость',
    next: 'Следующая новость',
    more: 'Все новости',
    updated: 'обновлено',
    breaking: 'Срочно',
    topics: ['Культура', 'Криминал', 'Катастрофы', 'Экономика', 'Образование', 'Экология', 'Здоровье', 'Люди', 'Труд', 'Образ жизни', 'Политика', 'Религия', 'Наука', 'Общество', 'Спорт', 'Конфликты', 'Погода'],
  },
  az: {
    latest: 'Son xəbərlər',
    waiting: 'Xəbərlər gözlənilir…',
    reconnecting: 'Yenidən qoşulur…',
    unavailable: 'Əlçatan deyil',
    notEnabled: 'Bu sayt üçün aktiv deyil',
    pause: 'Xəbərləri dayandır',
    play: 'Xəbərləri davam etdir',
    previous: 'Əvvəlki xəbər',
    next: 'Növbəti xəbər',
    more: 'Bütün xəbərlər',
    updated: 'yeniləndi',
    breaking: 'Təcili',
    topics: ['Mədəniyyət', 'Kriminal', 'Fəlakət', 'İqtisadiyyat', 'Təhsil', 'Ətraf mühit', 'Sağlamlıq', 'İnsan hekayələri', 'Əmək', 'Həyat tərzi', 'Siyasət', 'Din', 'Elm', 'Cəmiyyət', 'İdman', 'Münaqişə', 'Hava'],
  },
  tr: {
    latest: 'Son haberler',
    waiting: 'Haberler bekleniyor…',
    reconnecting: 'Yeniden bağlanıyor…',
    unavailable: 'Kullanılamıyor',
    notEnabled: 'Bu site için etkin değil',
    pause: 'Haberleri duraklat',
    play: 'Haberleri oynat',
    previous: 'Önceki haber',
    next: 'Sonraki haber',
    more: 'Tüm haberler',
    updated: 'güncellendi',
    breaking: 'Son dakika',
    topics: ['Kültür', 'Asayiş', 'Afet', 'Ekonomi', 'Eğitim', 'Çevre', 'Sağlık', 'İnsan hikâyeleri', 'Çalışma hayatı', 'Yaşam', 'Siyaset', 'Din', 'Bilim', 'Toplum', 'Spor', 'Çatışma', 'Hava durumu'],
  },
  fr: {
    latest: 'Dernières infos',
    waiting: 'En attente des titres…',
    reconnecting: 'Reconnexion…',
    unavailable: 'Indisponible',
    notEnabled: 'Non activé pour ce site',
    pause: 'Mettre les titres en pause',
    play: 'Reprendre les titres',
    previous: 'Titre précédent',
    next: 'Titre suivant',
    more: 'Plus d’actualités',
    updated: 'mis à jour',
    breaking: 'Alerte info',
    topics: ['Culture', 'Justice', 'Catastrophes', 'Économie', 'Éducation', 'Environnement', 'Santé', 'Insolite', 'Travail', 'Loisirs', 'Politique', 'Religion', 'Sciences', 'Société', 'Sport', 'Conflits', 'Météo'],
  },
  de: {
    latest: 'Aktuelle Nachrichten',
    waiting: 'Warte auf Schlagzeilen…',
    reconnecting: 'Verbindung wird wiederhergestellt…',
    unavailable: 'Nicht verfügbar',
    notEnabled: 'Für diese Website nicht freigeschaltet',
    pause: 'Schlagzeilen anhalten',
    play: 'Schlagzeilen fortsetzen',
    previous: 'Vorherige Schlagzeile',
    next: 'Nächste Schlagzeile',
    more: 'Mehr Nachrichten',
    updated: 'aktualisiert',
    breaking: 'Eilmeldung',
    topics: ['Kultur', 'Kriminalität', 'Unglücke', 'Wirtschaft', 'Bildung', 'Umwelt', 'Gesundheit', 'Menschen', 'Arbeit', 'Lifestyle', 'Politik', 'Religion', 'Wissenschaft', 'Gesellschaft', 'Sport', 'Konflikte', 'Wetter'],
  },
  es: {
    latest: 'Últimas noticias',
    waiting: 'Esperando titulares…',
    reconnecting: 'Reconectando…',
    unavailable: 'No disponible',
    notEnabled: 'No habilitado para este sitio',
    pause: 'Pausar titulares',
    play: 'Reanudar titulares',
    previous: 'Titular anterior',
    next: 'Titular siguiente',
    more: 'Más noticias',
    updated: 'actualizado',
    breaking: 'Última hora',
    topics: ['Cultura', 'Sucesos', 'Catástrofes', 'Economía', 'Educación', 'Medio ambiente', 'Salud', 'Interés humano', 'Trabajo', 'Estilo de vida', 'Política', 'Religión', 'Ciencia', 'Sociedad', 'Deportes', 'Conflictos', 'Tiempo'],
  },
  zh: {
    latest: '最新新闻',
    waiting: '正在等待新闻…',
    reconnecting: '正在重新连接…',
    unavailable: '不可用',
    notEnabled: '此网站未启用',
    pause: '暂停新闻',
    play: '播放新闻',
    previous: '上一条新闻',
    next: '下一条新闻',
    more: '更多新闻',
    updated: '已更新',
    breaking: '突发',
    topics: ['文化', '法治', '灾难', '经济', '教育', '环境', '健康', '人物', '劳动', '生活', '政治', '宗教', '科技', '社会', '体育', '冲突', '天气'],
  },
};

/** The strings of a language, with its topic labels; undefined when there is no pack for it. */
export function uiPack(lang: string): UiStrings | undefined {
  if (lang === 'en') return { ...EN, topics: Object.fromEntries(TOPICS.map((topic) => [topic.slug, shortTopicLabel(topic.label)])) };
  const pack = Object.hasOwn(PACKS, lang) ? PACKS[lang] : undefined;
  if (pack === undefined) return undefined;
  return { ...pack, topics: Object.fromEntries(TOPICS.map((topic, i) => [topic.slug, pack.topics[i] ?? topic.label])) };
}

/** Languages with a pack: for the tests, which check each one against English and the topic list. */
export const PACK_LANGS: readonly string[] = ['en', ...Object.keys(PACKS)];
