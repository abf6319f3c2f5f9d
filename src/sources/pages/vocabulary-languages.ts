/**
 * Label variants of registries' non-English interfaces (ChiCTR's Chinese-only pages, DRKS in German, REPEC / RPCEC /
 * ReBEC / LatAm registries in Spanish and Portuguese, French registries): the same page fields as the English labels
 * of vocabulary.ts, which lists them after its own (so an English label always wins a shared key).
 * Labels are compared after `labelKey()`, which ignores case, punctuation and accents (`Título` ~ `Titulo`).
 */
import type { LabelEntry } from './vocabulary.js';

export const LANGUAGE_LABELS: LabelEntry[] = [
  {
    field: 'id',
    labels: [
      '注册号', // ChiCTR
      'Código REPEC', 'Número de registro', 'Código de registro', 'Numéro d\'enregistrement', 'Número de registro do estudo',
    ],
  },
  {
    field: 'registrationDate',
    labels: [
      '注册时间', 'Registriert im DRKS am', 'Registrierungsdatum', 'Datum der Registrierung', 'Fecha de registro',
      'Fecha de inscripción', 'Date d\'enregistrement', 'Data de registro', 'Data do registro',
    ],
  },
  {
    field: 'lastUpdate',
    labels: [
      '最近更新日期', 'Letzte Aktualisierung', 'Zuletzt aktualisiert', 'Fecha de última actualización', 'Última actualización',
      'Dernière mise à jour', 'Data da última atualização', 'Última atualização',
    ],
  },
  { field: 'prospective', labels: ['注册号状态'] },
  {
    field: 'publicTitle',
    labels: [
      '注册题目', 'Titel', 'Titel der Studie', 'Öffentlicher Titel', 'Título público', 'Título', 'Título de la investigación',
      'Titre public', 'Titre', 'Título público do estudo',
    ],
  },
  {
    field: 'scientificTitle',
    labels: [
      '研究课题的正式科学名称', 'Wissenschaftlicher Titel', 'Título científico', 'Titre scientifique', 'Título científico do estudo',
    ],
  },
  { field: 'acronym', labels: ['Akronym', 'Acrónimo', 'Acronyme', 'Acrônimo', 'Sigla'] },
  {
    field: 'secondaryIds',
    labels: [
      '在其它机构的注册号', 'EudraCT-Nummer', 'Otros identificadores', 'Otros números de identificación', 'Autres identifiants',
      'Outros identificadores', 'Identificadores secundários',
    ],
  },
  { field: 'otherIds', labels: ['研究课题代号(代码)', 'Prüfplancode des Sponsors', 'Código del protocolo', 'Code du protocole'] },
  {
    field: 'primarySponsor',
    labels: [
      '研究实施负责（组长）单位', 'Primärer Sponsor', 'Sponsor (Hauptsponsor)', 'Patrocinador', 'Patrocinador principal',
      'Promoteur', 'Patrocinador primário',
    ],
  },
  { field: 'secondarySponsor', labels: ['试验主办单位(项目批准或申办者)', 'Patrocinador secundario', 'Patrocinador secundário'] },
  {
    field: 'funding',
    labels: ['经费或物资来源', 'Finanzierungsquellen', 'Fuente de financiamiento', 'Fuentes de financiamiento', 'Financement', 'Fonte de financiamento'],
  },
  {
    field: 'status',
    labels: [
      '征募研究对象情况', 'Rekrutierungsstatus', 'Estado del reclutamiento', 'Estado de reclutamiento', 'Statut du recrutement',
      'Situação de recrutamento', 'Situação do recrutamento',
    ],
  },
  { field: 'studyType', labels: ['研究类型', 'Studientyp', 'Studienart', 'Tipo de estudio', 'Type d\'étude', 'Tipo de estudo'] },
  { field: 'phase', labels: ['研究所处阶段', 'Studienphase', 'Fase', 'Fase del estudio', 'Fase do estudo'] },
  { field: 'design', labels: ['研究设计', 'Diseño', 'Diseño del estudio', 'Plan de l\'étude', 'Desenho do estudo', 'Desenho'], inline: true },
  { field: 'allocation', labels: ['Randomisierung', 'Asignación', 'Aleatorización', 'Répartition', 'Alocação'] },
  { field: 'model', labels: ['Zuordnung', 'Modelo', 'Modelo de intervención', 'Modèle', 'Modelo de intervenção'] },
  {
    field: 'masking',
    labels: ['盲法', 'Verblindung', 'Wer ist verblindet', 'Enmascaramiento', 'Cegamiento', 'Masquage', 'Mascaramento', 'Cegamento'],
  },
  { field: 'purpose', labels: ['Zweck', 'Propósito', 'Finalidad', 'Objectif principal', 'Propósito do estudo'] },
  { field: 'controlGroup', labels: ['Kontrolle'] },
  {
    field: 'enrollmentTarget',
    labels: ['样本总量', 'Geplante Fallzahl', 'Tamaño de muestra', 'Tamaño de la muestra', 'Nombre de participants prévu', 'Tamanho da amostra'],
  },
  { field: 'enrollmentActual', labels: ['Tatsächliche Fallzahl', 'Tamaño de muestra final', 'Tamanho final da amostra'] },
  {
    field: 'start',
    labels: ['Studienbeginn', 'Fecha de inicio', 'Fecha de inicio del estudio', 'Date de début', 'Data de início', 'Data de início do estudo'],
  },
  {
    field: 'completion',
    labels: ['Studienende', 'Fecha de término', 'Fecha de finalización', 'Fecha de término estimada', 'Date de fin', 'Data de término', 'Data de conclusão'],
  },
  { field: 'recruitmentPeriod', labels: ['研究实施时间'] },
  { field: 'age', labels: ['年龄范围', '征募研究对象年龄范围', 'Alter', 'Edad', 'Âge', 'Idade'] },
  { field: 'minAge', labels: ['Mindestalter', 'Edad mínima', 'Âge minimum', 'Idade mínima'] },
  { field: 'maxAge', labels: ['Höchstalter', 'Edad máxima', 'Âge maximum', 'Idade máxima'] },
  { field: 'sex', labels: ['性别', 'Geschlecht', 'Sexo', 'Sexe', 'Gênero', 'Género'] },
  {
    field: 'healthyVolunteers',
    labels: ['Gesunde Probanden', 'Voluntarios sanos', 'Volontaires sains', 'Voluntários saudáveis', 'Aceita voluntários saudáveis'],
  },
  {
    field: 'inclusion',
    labels: [
      '纳入标准', 'Einschlusskriterien', 'Weitere Einschlusskriterien', 'Criterios de inclusión', 'Critères d\'inclusion',
      'Critérios de inclusão',
    ],
  },
  { field: 'exclusion', labels: ['排除标准', 'Ausschlusskriterien', 'Criterios de exclusión', 'Critères d\'exclusion', 'Critérios de exclusão'] },
  {
    field: 'conditions',
    labels: ['研究疾病', 'Erkrankungen', 'Erkrankung', 'Condición de salud', 'Condición médica', 'Pathologie', 'Condição de saúde', 'Condições de saúde'],
  },
  {
    field: 'interventions',
    labels: ['干预措施', 'Interventionen', 'Intervenciones', 'Intervención', 'Interventions / Traitements', 'Intervenções'],
  },
  {
    field: 'primaryOutcome',
    labels: [
      'Primärer Endpunkt', 'Primäre Endpunkte', 'Desenlace primario', 'Desenlaces primarios', 'Resultado primario',
      'Critère de jugement principal', 'Desfecho primário', 'Desfechos primários',
    ],
  },
  {
    field: 'secondaryOutcome',
    labels: [
      'Sekundäre Endpunkte', 'Sekundärer Endpunkt', 'Desenlaces secundarios', 'Desenlace secundario', 'Resultados secundarios',
      'Critères de jugement secondaires', 'Desfechos secundários', 'Desfecho secundário',
    ],
  },
  { field: 'timeFrame', labels: ['测量时间点', 'Tiempo de medición', 'Momento de evaluación', 'Tempo de avaliação'] },
  {
    field: 'countries',
    labels: ['国家', 'Rekrutierungsländer', 'Länder', 'Países participantes', 'Países', 'País', 'Pays', 'Pays de recrutement', 'Países de recrutamento'],
  },
  { field: 'locations', labels: ['Studienzentren', 'Centros de investigación', 'Sedes', 'Centros participantes'] },
  {
    field: 'contacts',
    labels: [
      'Verantwortliche Ansprechperson', 'Ansprechperson für öffentliche Anfragen', 'Ansprechperson für wissenschaftliche Anfragen',
      'Investigador principal', 'Contacto', 'Contacto científico', 'Contacto público', 'Investigateur principal', 'Pesquisador principal',
      'Contato', 'Contato para questões científicas', 'Contato para questões públicas',
    ],
  },
  {
    field: 'briefSummary',
    labels: ['Kurzbeschreibung in allgemeinverständlicher Sprache', 'Resumen', 'Résumé', 'Resumo'],
  },
  { field: 'detailedDescription', labels: ['Beschreibung wissenschaftlich', 'Wissenschaftliche Kurzbeschreibung'] },
  { field: 'objectives', labels: ['研究目的', 'Objetivo', 'Objetivos'] },
  {
    field: 'section',
    labels: [
      // ChiCTR (Chinese-only interface) items that are not trial fields, or that the profile reads itself
      '研究疾病代码', '伦理委员会批件文号', '是否获伦理委员会批准', '申请单位', '申请人所在单位', '研究负责人所在单位',
      '药物成份或治疗方案详述', '征募观察对象时间', '研究实施地点', '测量指标', '采集人体标本', '是否共享原始数据',
      '数据采集和管理', '数据管理委员会', '随机方法（请说明由何人用什么方法产生随机序列）', '是否公开试验完成后的统计结果',
      '省(直辖市)', '市(区县)', '单位(医院)', '单位级别', '干预措施代码', '测量方法', '组别', '研究课题代号',
      // DRKS (German interface) headings
      'Allgemeine Angaben', 'Weitere Identifikationsnummern', 'Studiendesign', 'Endpunkte', 'Rekrutierung', 'Adressen',
      'Ethikvotum', 'Studiendetails', 'Interventionen / Beobachtungsgruppen',
      // REPEC / Spanish-language headings
      'Organización de Investigación por Contrato (OIC)',
    ],
  },
];
