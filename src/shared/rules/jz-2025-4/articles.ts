// The articles of 锦州市公共数据资源授权运营管理办法(试行) (锦政规〔2025〕4号) that the pack
// checks, quoted from the measures as issued on 2025-11-27. Rules refer to them by number.

export const MEASURES = {
  title: '锦州市公共数据资源授权运营管理办法(试行)',
  docNo: '锦政规〔2025〕4号',
  issued: '2025-11-27',
} as const;

export const ARTICLES: Record<number, string> = {
};
