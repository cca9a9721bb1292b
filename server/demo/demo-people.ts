import type { Random } from './random.js';
import type { SampleLanguage } from './sample-texts.js';

const ZH_SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['赵', 'zhao'],
  ['黄', 'huang'],
  ['周', 'zhou'],
  ['吴', 'wu'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['林', 'lin'],
  ['高', 'gao'],
  ['罗', 'luo'],
];
const ZH_GIVEN: readonly (readonly [string, string])[] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['洋', 'yang'],
  ['艳', 'yan'],
  ['勇', 'yong'],
  ['军', 'jun'],
  ['杰', 'jie'],
  ['娟', 'juan'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀英', 'xiuying'],
  ['丽', 'li'],
  ['欣怡', 'xinyi'],
  ['子轩', 'zixuan'],
  ['雨涵', 'yuhan'],
  ['浩然', 'haoran'],
  ['思远', 'siyuan'],
  ['晓梅', 'xiaomei'],
];
const EN_FIRST = [
  'Emma',
  'Liam',
  'Olivia',
  'Noah',
  'Ava',
  'James',
  'Sophia',
  'Lucas',
  'Mia',
  'Ethan',
  'Grace',
  'Daniel',
  'Chloe',
  'Ryan',
  'Hannah',
  'Owen',
  'Zoe',
  'Nathan',
  'Lily',
  'Adam',
] as const;
const EN_LAST = [
  'Smith',
  'Johnson',
  'Brown',
  'Taylor',
  'Wilson',
  'Clark',
  'Walker',
  'Hall',
  'Young',
  'King',
  'Wright',
  'Scott',
  'Green',
  'Baker',
  'Adams',
  'Nelson',
  'Carter',
  'Mitchell',
  'Turner',
  'Parker',
] as const;

export interface DemoPerson {
  name: string;
  email: string;
  phone: string;
  language: SampleLanguage;
}

/** A plausible customer: Chinese name with a +86 mobile, or English name with a fictional +1 555 number. */
export function demoPerson(random: Random, language: SampleLanguage, serial: number): DemoPerson {
  if (language === 'zh') {
    const [surname, surnamePinyin] = random.pick(ZH_SURNAMES);
    const [given, givenPinyin] = random.pick(ZH_GIVEN);
    const prefix = random.pick(['138', '139', '150', '186', '177', '135']);
    return {
      name: `${surname}${given}`,
      email: `${surnamePinyin}.${givenPinyin}${serial}@example.cn`,
      phone: `+86${prefix}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
      language,
    };
  }
  const first = random.pick(EN_FIRST);
  const last = random.pick(EN_LAST);
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}${serial}@example.com`.toLowerCase(),
    // 555-01xx numbers are reserved for fiction; vary the area code to keep them distinct.
    phone: `+1${random.pick(['212', '415', '617', '206', '312'])}55501${String(serial % 100).padStart(2, '0')}`,
    language,
  };
}
