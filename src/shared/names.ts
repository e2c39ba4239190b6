// The Chinese and English names of every value and field a reviewer reads: the bundle's
// enumerations (bundle-v1.md), its field and column names, and the tool's own statuses.
// Everything shown to people names values through this one table.

export interface Words {
  zh: string;
  en: string;
}

export type Lang = 'zh' | 'en';

const w = (zh: string, en: string): Words => ({ zh, en });

export const NAMES = {
  status: {
    pass: w('符合', 'Pass'),
    fail: w('不符合', 'Fail'),
    needs_review: w('待人工复核', 'Needs review'),
    insufficient_evidence: w('证据不足', 'Insufficient evidence'),
    not_applicable: w('不适用', 'Not applicable'),
  },
  severity: { high: w('高', 'High'), medium: w('中', 'Medium'), low: w('低', 'Low') },
  conclusion: {
    compliant: w('合格', 'Compliant'),
    basically_compliant: w('基本合格', 'Basically compliant'),
    non_compliant: w('不合格', 'Non-compliant'),
  },
  action: {
    login: w('登录', 'log in'), logout: w('登出', 'log out'), query: w('查询', 'query'),
    download: w('下载', 'download'), export: w('导出', 'export'), api_call: w('接口调用', 'API call'),
    sandbox_enter: w('进入沙箱', 'enter sandbox'), sandbox_exit: w('退出沙箱', 'leave sandbox'),
    develop: w('开发', 'develop'), model_train: w('模型训练', 'train model'), model_export: w('模型导出', 'export model'),
    deliver: w('交付', 'deliver'), share: w('共享', 'share'), approve: w('审批通过', 'approve'),
    reject: w('审批驳回', 'reject'), grant_role: w('授权', 'grant role'), revoke_role: w('撤销授权', 'revoke role'),
    config_change: w('配置变更', 'change configuration'), modify: w('修改', 'modify'), delete: w('删除', 'delete'),
    log_delete: w('日志删除', 'delete log'), log_export: w('日志导出', 'export log'), backup: w('备份', 'back up'),
  },
  result: { success: w('成功', 'success'), failure: w('失败', 'failure'), denied: w('拒绝', 'denied') },
  channel: { platform: w('平台', 'platform'), sandbox: w('沙箱', 'sandbox'), api: w('接口', 'API'), offline: w('线下', 'offline') },
  resourceType: {
    dataset: w('数据集', 'dataset'), product: w('产品', 'product'), model: w('模型', 'model'),
    request: w('需求', 'request'), system: w('系统', 'system'), log: w('日志', 'log'),
  },
  classification: { core: w('核心数据', 'core data'), important: w('重要数据', 'important data'), general: w('一般数据', 'general data') },
  productType: {
    component: w('数据组件', 'data component'), model: w('数据模型', 'data model'), verification: w('数据核验', 'data verification'),
    service: w('数据服务', 'data service'), tool: w('数据工具', 'data tool'), report: w('数据报告', 'data report'),
  },
  productStatus: { developing: w('开发中', 'in development'), approved: w('已批准', 'approved'), delivered: w('已交付', 'delivered'), withdrawn: w('已撤回', 'withdrawn') },
  domain: {
    finance: w('金融', 'finance'), agriculture: w('农业', 'agriculture'), medical: w('医疗', 'medical'),
    transport: w('交通', 'transport'), education: w('教育', 'education'), culture: w('文化', 'culture'),
    governance: w('社会治理', 'governance'), public_welfare: w('公益', 'public welfare'), other: w('其他', 'other'),
  },
  reviewResult: { approved: w('通过', 'approved'), rejected: w('驳回', 'rejected'), pending: w('待审核', 'pending') },
  partnerStatus: { active: w('正常', 'active'), suspended: w('已暂停', 'suspended'), terminated: w('已终止', 'terminated') },
  role: {
    admin: w('管理员', 'administrator'), developer: w('开发', 'developer'), approver: w('审批', 'approver'),
    auditor: w('审计', 'auditor'), operator: w('运维', 'operator'), security_officer: w('数据安全责任人', 'security officer'),
    data_steward: w('数据管理员', 'data steward'), partner_user: w('应用单位用户', 'partner user'),
  },
  policyType: {
    data_management: w('数据管理制度', 'data management policy'),
    operation_rules: w('操作细则', 'operating rules'),
    internal_review: w('内部审核制度', 'internal review policy'),
    quality_control: w('数据质量管控制度', 'data quality policy'),
    record_keeping: w('记录留存制度', 'record-keeping policy'),
    security_responsibility: w('数据安全责任制度', 'security responsibility policy'),
    security_management: w('安全管理制度', 'security management policy'),
    monitoring_assessment: w('监测评估制度', 'monitoring and assessment policy'),
    incident_response: w('数据安全事件应急预案', 'incident response plan'),
    partner_supervision: w('应用单位监督制度', 'partner supervision policy'),
  },
  assessmentType: {
    monitoring: w('安全监测', 'security monitoring'), security_test: w('安全检测', 'security testing'),
    risk_assessment: w('风险评估', 'risk assessment'), security_review: w('安全审查', 'security review'),
    compliance_review: w('合规审查', 'compliance review'), incident_drill: w('应急演练', 'incident drill'),
  },
  incidentType: { leak: w('泄露', 'Leak'), damage: w('毁损', 'Damage'), loss: w('丢失', 'Loss'), other: w('其他', 'Other') },
  incidentStep: { detected: w('发现', 'Detected'), plan_activated: w('启动预案', 'Plan activated'), reported: w('报告', 'Reported'), closed: w('结案', 'Closed') },
  incidentGrade: {
    especially_major: w('特别重大', 'Especially major'), major: w('重大', 'Major'),
    large: w('较大', 'Large'), general: w('一般', 'General'),
  },
  selectionMethod: {
    public_tender: w('公开招标', 'public tender'), invited_tender: w('邀请招标', 'invited tender'),
    negotiation: w('谈判', 'negotiation'), single_source: w('单一来源', 'single source'),
    direct_award: w('直接指定', 'direct award'),
  },
  businessStatus: { normal: w('正常', 'normal'), abnormal: w('经营异常', 'abnormal'), revoked: w('吊销', 'revoked'), cancelled: w('注销', 'cancelled') },
  creditStatus: { good: w('良好', 'good'), fair: w('一般', 'fair'), poor: w('较差', 'poor'), bad: w('失信', 'bad') },
  platformFunction: {
    supply_demand: w('供需对接', 'supply and demand matching'), case_showcase: w('案例展示', 'case showcase'),
    policy_publicity: w('政策宣传', 'policy publicity'), public_application: w('公共应用', 'public applications'),
  },
  platformCapability: {
    data_sandbox: w('数据沙箱', 'data sandbox'), privacy_computing: w('隐私计算', 'privacy computing'),
    identity_authentication: w('身份认证', 'identity authentication'), access_control: w('访问控制', 'access control'),
    security_audit: w('安全审计', 'security audit'), authorization_management: w('授权管理', 'authorisation management'),
    process_traceability: w('过程追溯', 'process traceability'), data_mutual_trust: w('数据互信', 'data mutual trust'),
  },
  planningStage: { planned: w('同步规划', 'planned together'), built: w('同步建设', 'built together'), in_use: w('同步使用', 'used together') },
  manifestSignature: { absent: w('未签名', 'not signed'), valid: w('签名有效', 'valid'), invalid: w('签名无效', 'invalid'), unsupported: w('算法不支持', 'unsupported algorithm') },
  keyRegistration: {
    registered: w('已登记的运营机构密钥', 'registered operator key'),
    'other-key-registered': w('与已登记密钥不同', 'another key is registered'),
    unregistered: w('未登记的密钥', 'unregistered key'),
  },
  concentrationWeighting: { records: w('按记录数', 'by records'), deliveries: w('按交付次数', 'by deliveries') },
  episodeKind: { log_delete: w('日志删除', 'Log deletion'), bulk_transfer: w('大批量导出/下载/共享', 'Bulk export/download/share'), denied_burst: w('集中拒绝访问', 'Burst of denied access') },
  reportsTo: { principal: w('主要负责人', 'principal') },
  incidentVerdict: { on_time: w('按时', 'on time'), late: w('超时', 'late'), review: w('待人工复核', 'needs review') },
  suspensionVerdict: {
    on_time: w('按期暂停', 'suspended in time'), late: w('未按期暂停', 'suspended late'),
    not_due: w('尚未到期', 'not yet due'), unreadable: w('日期无法识别', 'date unreadable'),
  },
  /** Log event fields (bundle-v1.md, logs/). */
  logField: {
    event_id: w('事件编号', 'event id'), ts: w('时间', 'time'), actor: w('操作人', 'actor'), actor_org: w('单位', 'organisation'),
    action: w('操作', 'action'), resource_type: w('资源类型', 'resource type'), resource: w('资源', 'resource'),
    scenario: w('场景', 'scenario'), request: w('需求编号', 'request'), records: w('记录数', 'records'),
    destination: w('接收方', 'recipient'), channel: w('渠道', 'channel'), result: w('结果', 'result'),
    src_ip: w('来源IP', 'source IP'), prev_hash: w('前序哈希', 'previous hash'), hash: w('哈希', 'hash'),
  },
  /** Columns of the bundle's tables and members of its JSON records, by canonical name. */
  field: {
    id: w('编号', 'id'), name: w('名称', 'name'), type: w('类型', 'type'), status: w('状态', 'status'),
    provider: w('提供部门', 'provider'), classification: w('分类分级', 'classification'),
    contains_personal_info: w('含个人信息', 'contains personal information'),
    scenario: w('场景', 'scenario'), source_datasets: w('数据来源', 'source datasets'), developer_org: w('开发主体', 'developer'),
    derived_from: w('来源产品', 'derived from'), created_at: w('创建时间', 'created'),
    compliance_review_at: w('合规审查时间', 'compliance review'), anonymization_review_at: w('脱敏评估时间', 'anonymisation review'),
    first_delivered_at: w('首次交付时间', 'first delivered'), price_public: w('价格公开', 'price public'), domain: w('领域', 'domain'),
    authority_approved_at: w('数据主管部门同意时间', 'approved by the data authority'),
    provider_approved_at: w('数据提供部门同意时间', 'approved by the providers'), provider_depts: w('数据提供部门', 'providing departments'),
    requester: w('需求提出方', 'requester'), datasets: w('数据集', 'datasets'), submitted_at: w('提交时间', 'submitted'),
    recorded_at: w('记录时间', 'recorded'), reviewed_at: w('审核时间', 'reviewed'), reviewer: w('审核人', 'reviewer'),
    review_result: w('审核结果', 'review result'), feedback_at: w('反馈时间', 'feedback'),
    contract_start: w('合同起始日', 'contract start'), contract_end: w('合同终止日', 'contract end'),
    violation_found_at: w('发现违规时间', 'violation found'), suspended_at: w('暂停时间', 'suspended'),
    user_id: w('账号', 'account'), org: w('所属单位', 'organisation'), roles: w('角色', 'roles'),
    title: w('标题', 'title'), version: w('版本', 'version'), approved_at: w('批准时间', 'approved'),
    last_reviewed_at: w('最近评审时间', 'last reviewed'), reported_at: w('报送时间', 'reported'), file: w('文件', 'file'),
    date: w('日期', 'date'), result: w('结果', 'result'), report_file: w('报告文件', 'report file'),
    dataset: w('数据集', 'dataset'), detected_at: w('发现时间', 'detected'), description: w('描述', 'description'),
    resolved_at: w('解决时间', 'resolved'),
    grade: w('事件等级', 'grade'), plan_activated_at: w('启动预案时间', 'plan activated'), closed_at: w('处置完成时间', 'closed'),
    summary: w('概述', 'summary'),
    year: w('年度', 'year'), conclusion: w('结论', 'conclusion'), article: w('条款', 'article'), finding: w('问题', 'finding'),
    deadline: w('整改期限', 'deadline'), rectified_at: w('整改完成时间', 'rectified'), re_evaluated_at: w('再次评估时间', 're-evaluated'),
    business_status: w('经营状态', 'business status'), credit: w('信用', 'credit'), dishonest_list: w('失信名单', 'dishonest list'),
    checked_at: w('查询时间', 'checked'), principal: w('主要负责人', 'principal'), security_officer: w('数据安全责任人', 'security officer'),
    experience_years: w('从业年限', 'years of experience'), certifications: w('资质证书', 'certifications'),
    reports_to: w('汇报对象', 'reports to'), in_decision_making: w('参与重大决策', 'in decision-making'),
    security_budget_cny: w('安全投入（元）', 'security budget (CNY)'), is_public_utility: w('公用企业', 'public utility'),
    signed_at: w('签订日期', 'signed'), start: w('起始日', 'start'), end: w('终止日', 'end'),
    selection_method: w('遴选方式', 'selection method'), scope_datasets: w('授权数据范围', 'datasets in scope'),
    authority: w('授权机关', 'authority'), functions: w('平台功能', 'platform functions'), capabilities: w('技术能力', 'capabilities'),
    mlps: w('等级保护', 'MLPS'), level: w('等级', 'level'), record_no: w('备案号', 'record number'),
    assessment: w('测评', 'assessment'), score: w('得分', 'score'), crypto: w('商用密码应用安全性评估', 'cryptography assessment'),
    security_planning: w('安全措施同步', 'security planning'),
    planned: w('同步规划', 'planned together'), built: w('同步建设', 'built together'), in_use: w('同步使用', 'used together'),
    period: w('评估期', 'review period'), timezone: w('时区', 'time zone'), operator_id: w('运营机构编号', 'operator id'),
  },
} as const satisfies Record<string, Record<string, Words>>;

export type NameTable = keyof typeof NAMES;

/**
 * The name of `value` in table `table`, in `lang`; a value the table does not know is the
 * operator's own word and is shown as written.
 */
export function nameOf(table: NameTable, value: string, lang: Lang = 'zh'): string {
  const names = NAMES[table] as Record<string, Words>;
  return Object.hasOwn(names, value) ? names[value][lang] : value;
}

/** Whether `value` has a name in `table`. */
export function isNamed(table: NameTable, value: string): boolean {
  return Object.hasOwn(NAMES[table], value);
}
