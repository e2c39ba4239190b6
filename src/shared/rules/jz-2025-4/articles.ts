// The articles of 锦州市公共数据资源授权运营管理办法(试行) (锦政规〔2025〕4号). Rules refer to them
// by number. Where ARTICLES lacks an article's issued text, a rule shows the article's
// requirements as the rule catalogue states them, labelled as such, never as a quote.

export const MEASURES = {
  title: '锦州市公共数据资源授权运营管理办法(试行)',
  docNo: '锦政规〔2025〕4号',
  issued: '2025-11-27',
} as const;

// Each value is the article's text without its "第N条" label (the key carries the number);
// paragraphs are separated by \n. Only articles whose full text was verified are listed:
// a rule whose article is missing here gets undefined, never a paraphrase.
export const ARTICLES: Record<number, string> = {
  1: '为深化数据要素市场化配置改革，加快推动本市公共数据社会化应用，规范公共数据授权运营，根据《中华人民共和国数据安全法》《中华人民共和国个人信息保护法》《公共数据资源授权运营实施规范（试行）》（发改数据规〔2025〕27号）和《辽宁省大数据发展条例》等相关规定，结合本市实际，制定本办法。',
  2: '本市行政区域内与公共数据授权运营相关的数据授权、加工处理、安全保障、监督管理等活动，适用本办法。',
};

/**
 * The requirements of each article the pack checks, in the words of the rule catalogue
 * (docs/spec/rules-jz-2025.md), for articles whose issued text is not yet in ARTICLES.
 */
export const ARTICLE_POINTS: Record<number, string> = {
  6: '运营机构依托全市统一的公共数据运营平台开展授权运营，数据产品和服务经平台（含沙箱、接口）提供，不得另设线下渠道；平台具备供需对接、案例展示、政策宣传、公共应用等功能。',
  7: '运营平台具备数据沙箱、隐私计算、身份认证、访问控制、安全审计、授权管理、过程追溯、数据互信等技术能力，确保数据处理全过程可记录、可审计、可追溯；核心、重要数据在沙箱内处理。',
  8: '运营平台落实网络安全等级保护第三级要求，完成备案并定期测评；落实商用密码应用安全性评估。',
  9: '运营机构通过公开招标、邀请招标、谈判等公平竞争方式确定；授权运营期限一般不超过五年，运营活动限于授权期内。',
  10: '运营机构经营正常、信用良好；不得将原始公共数据提供给第三方；数据产品只向签约且未被暂停的应用单位交付；涉及个人信息的数据模型先经匿名化评估；不得删除、篡改运营日志和公共数据。',
  11: '运营场景须经市数据主管部门和数据提供部门同意后方可开展；数据开发需求经提交、记录、审核、反馈的内部审核程序，审核通过后方可开发。',
  12: '运营机构公平参与市场竞争，不得对已交付的公共数据产品重复开发，交付不得过度集中，产品价格公开。',
  13: '市数据主管部门对运营机构开展年度评估，发现问题的限期整改，整改后再次评估。',
  14: '公共数据按核心、重要、一般分类分级管理，运营机构只在授权范围内使用公共数据。',
  15: '运营机构建立数据管理制度和操作细则，定期评审并报数据主管部门；开发、审批、审计等岗位职责分离。',
  16: '运营机构建立事前、事中、事后的数据质量管控机制，发现数据质量问题及时向数据提供部门反馈。',
  17: '运营机构完整记录并留存运营日志及相关记录，覆盖评估期全过程，保证证据完整未被篡改。',
  18: '运营机构设立数据安全责任人，具备相应经验和资质，向主要负责人报告并参与重大决策。',
  19: '数据安全措施与运营平台同步规划、同步建设、同步使用，保障安全投入，建立安全管理制度。',
  20: '运营机构开展常态化安全监测、安全检测、风险评估、安全审查和合规审查；数据产品交付前经合规审查。',
  21: '运营机构制定数据安全事件应急预案（分级、报告、处置、演练）并定期演练；发生数据泄露、毁损、丢失等事件立即启动预案、及时处置并按时限报告。',
  22: '运营机构加强对应用单位的安全监管，发现违规行为及时暂停其使用并制定监督制度。',
  23: '网信、公安、国家安全、保密等部门依职责对公共数据授权运营安全实施监督。',
  24: '供水、供气、供热、供电、公共交通等公用企业的公共数据资源开发利用，参照本办法执行。',
  25: '本办法自印发之日（2025-11-27）起施行，有效期两年。',
};

/** Marks text that is not the issued wording, so reports and the UI never show it as a quote. */
export const POINTS_LABEL = '【条文要点，依据规则目录整理，非原文】';

/** The issued text of article n, else its requirements labelled as not a quote. */
export function articleText(n: number): string {
  const verbatim = ARTICLES[n];
  if (verbatim) return verbatim;
  const points = ARTICLE_POINTS[n];
  return points ? POINTS_LABEL + points : '';
}
