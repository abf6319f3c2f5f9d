/**
 * The label vocabulary of trial pages: canonical page field → the labels registries' web pages use for it.
 * A new site mostly costs new label variants here, not code. Labels are compared after `labelKey()`
 * (case, punctuation, EU CTR item numbers like `E.8.1.1` and ANZCTR counters like `[1]` ignored).
 */

/** What a labelled block of a page means. `section` = a heading that only ends the previous block. */
export type PageField =
  | 'id' | 'register' | 'lastRefreshed' | 'url' | 'registrationDate' | 'lastUpdate' | 'prospective'
  | 'publicTitle' | 'scientificTitle' | 'acronym' | 'secondaryIds' | 'otherIds'
  | 'primarySponsor' | 'secondarySponsor' | 'collaborators' | 'funding' | 'sponsorClass'
  | 'status' | 'overallStatus' | 'studyType' | 'phase' | 'phaseFlag'
  | 'design' | 'allocation' | 'model' | 'modelDescription' | 'masking' | 'maskingDescription' | 'purpose'
  | 'controlled' | 'placebo' | 'controlGroup' | 'centres' | 'designFlag' | 'sexFlag'
  | 'enrollmentTarget' | 'enrollmentActual' | 'enrollment' | 'groupSize'
  | 'start' | 'primaryCompletion' | 'completion' | 'resultsPosted' | 'recruitmentPeriod'
  | 'age' | 'minAge' | 'maxAge' | 'sex' | 'healthyVolunteers' | 'criteria' | 'inclusion' | 'exclusion'
  | 'conditions' | 'interventions' | 'interventionNames' | 'interventionType' | 'arms' | 'arm'
  | 'primaryOutcome' | 'secondaryOutcome' | 'timeFrame'
  | 'countries' | 'locations' | 'contacts' | 'results' | 'resultsUrl' | 'resultsSummary'
  | 'briefSummary' | 'detailedDescription' | 'objectives' | 'references' | 'relatedTrials' | 'section';

import { LANGUAGE_LABELS } from './vocabulary-languages.js';

export interface LabelEntry {
  field: PageField;
  labels: string[];
  /** may be found run together inside a line (`Allocation: RandomizedIntervention Model: Parallel`) */
  inline?: boolean;
}

export const VOCABULARY: LabelEntry[] = [
  {
    field: 'id',
    labels: [
      'Registration',
      'EU CT number',
      'NCT #', 'NCT Number', 'NCT ID', 'ClinicalTrials.gov ID', 'ClinicalTrials.gov Identifier', 'Main ID', 'Trial ID',
      'TrialID', 'Registration number', 'Registration No', 'Trial registration number', 'ISRCTN', 'ISRCTN number',
      'DRKS-ID', 'DRKS ID', 'EudraCT Number', 'CTRI Number', 'IRCT registration number', 'Registration code',
      'Registration Number', 'ANZCTR registration number', 'Study ID', 'Unique ID', 'Trial number', 'CRIS Registration Number', 'Trial no', 'Unique ID issued by UMIN', 'LBCTR Registration Number',
    ],
  },
  { field: 'register', labels: ['Register', 'Source Register', 'Primary Registry', 'Registry name', 'Registry'] },
  { field: 'lastRefreshed', labels: ['Last refreshed on', 'Date of Last Refreshed on', 'Record last refreshed'] },
  { field: 'url', labels: ['URL', 'web address', 'Record URL', 'URL of the trial', 'Trial website', 'Study URL'] },
  {
    field: 'registrationDate',
    labels: [
      'Date of registration', 'Registration date', 'Date registered', 'First Posted', 'First Posted Date',
      'Study First Posted', 'First submitted', 'First Submitted Date', 'Date of Registration in DRKS',
      'Date of registration in DRKS', 'Date of Registration in Primary Registry', 'Registered on', 'Date Registered',
      'Date on which this record was first entered in the EudraCT database', 'Registration date in the registry',
      'First received', 'Date of registration in primary registry', 'Registered date',
    ],
    inline: true,
  },
  {
    field: 'lastUpdate',
    labels: [
      'Last Update Posted', 'Last Update Posted Date', 'Last updated', 'Last Updated', 'Last edited', 'Date last updated',
      'Last Modified On', 'Date of Last Update', 'Last update', 'Last Verified', 'Record last updated', 'Last changed',
      'Date of last update', 'Last Update Submitted', 'Last update in DRKS', 'The date of last modification', 'Last approval date',
    ],
    inline: true,
  },
  {
    field: 'prospective',
    labels: [
      'Prospective Registration', 'Type of registration', 'Registration Status', 'Registration type', 'Prospectively registered',
      'Retrospectively registered', 'Registration timing', 'Retrospective/Prospective',
    ],
  },
  {
    field: 'publicTitle',
    labels: [
      'Study name',
      'Public title', 'Brief Title', 'Title', 'Public Title of Study', 'Public Title of Trial', 'Title of the study', 'Study title',
      'Title of the trial for lay people, in easily understood, i.e. non-technical, language', 'Public title of the study',
      'Brief title', 'Lay title',
    ],
  },
  {
    field: 'scientificTitle',
    labels: [
      'Scientific title', 'Official Title', 'Official title', 'Scientific Title of Study', 'Scientific Title of Trial', 'Full title of the trial',
      'Scientific title of the study', 'Study title in PICO format', 'Scientific Title', 'Official scientific title', 'Full title',
    ],
  },
  {
    field: 'acronym',
    labels: [
      'Acronym', 'Trial acronym', 'Scientific Acronym', 'Public Acronym', 'Acronym, if any', 'Study acronym', 'Acronym/abbreviation of the study',
      'Name or abbreviated title of the trial where available', 'English Acronym', 'Scientific title acronym', 'Public title acronym', 'Scientific acronym', 'Trial Acronym', 'Trial short title',
    ],
  },
  {
    field: 'secondaryIds',
    labels: [
      'Additional registries',
      'Secondary ID(s)', 'Secondary IDs', 'Secondary ID', 'Secondary identifying numbers', 'Other Identifiers',
      'Other Study ID Numbers', 'Secondary IDs if Any', 'Secondary Ids', 'Other IDs', 'Other secondary ID',
      'The registration number of the Partner Registry or other register', 'Partner Registry-ID', 'Other Secondary-ID',
      'Universal Trial Number (UTN)', 'UTN', 'UTN (Universal Trial Number)', 'EudraCT/CTIS number', 'UTN code', 'US NCT (ClinicalTrials.gov registry) number', 'ClinicalTrials.gov number',
      'ISRCTN (International Standard Randomised Controlled Trial) Number', 'EudraCT number', 'IRAS number',
      'WHO Universal Trial Reference Number (UTRN)', 'Other records', 'Secondary Identifiers', 'Linked study record',
    ],
  },
  {
    field: 'otherIds',
    labels: [
      "Sponsor's Protocol Code Number", 'Protocol/serial number', 'Protocol serial number', 'Org Study ID',
      'Study subject ID', 'Protocol number', 'Ethics Committee-Number',
    ],
  },
  {
    field: 'primarySponsor',
    labels: [
      'Primary sponsor', 'Sponsor', 'Sponsors', 'Lead Sponsor', 'Name of Sponsor', 'Sponsor name', 'Primary Sponsor Details',
      'Sponsor organisation', 'Sponsors/Collaborators', 'Primary sponsor name', 'Organisation', 'Study Sponsor', 'Name of organisation', 'Sponsor Organization', 'Institute', 'Primary study sponsor/organization',
    ],
  },
  { field: 'secondarySponsor', labels: ['Secondary Sponsor(s)', 'Secondary sponsor', 'Secondary sponsors', 'Secondary Sponsor Details', 'Secondary study sponsor (If any)'] },
  { field: 'collaborators', labels: ['Collaborators', 'Collaborator'] },
  {
    field: 'funding',
    labels: [
      'Source(s) of Monetary Support', 'Source(s) of Monetary or Material Support', 'Source of funding', 'Funding source',
      'Funding Source', 'Funder name', 'Funder type', 'Funding', 'Source of Monetary or Material Support',
      'Funding source(s)', 'Source(s) of funding', 'Source(s) of support', 'Supporting source',
    ],
  },
  { field: 'sponsorClass', labels: ['Funded Bys', 'Sponsor Type', 'Type of Sponsor', 'Funder Type'] },
  {
    field: 'status',
    labels: [
      'Expanded Access Status',
      'Recruitment Status', 'Recruitment status', 'Recruitment Status of Trial (Global)', 'Recruitment Status of Trial (India)',
      'Recruiting status', 'Status', 'Recruitment', 'Recruitment state',
    ],
  },
  { field: 'overallStatus', labels: ['End of Trial Status', 'Overall Status', 'Overall study status', 'Trial Status', 'Study status', 'Overall Recruitment Status', 'Overall trial status'] },
  {
    field: 'studyType',
    labels: ['Study type', 'Study Type', 'Type', 'Type of Trial', 'Type of Study', 'Type of study', 'Primary study design', 'Study type:'],
    inline: true,
  },
  { field: 'phase', labels: ['Phase', 'Phases', 'Study phase', 'Phase of Trial', 'Trial phase', 'Phase(s)', 'Study Phase', 'Developmental phase'] },
  {
    field: 'phaseFlag',
    labels: [
      'Human pharmacology (Phase I)', 'First administration to humans', 'Bioequivalence study',
      'Therapeutic exploratory (Phase II)', 'Therapeutic confirmatory (Phase III)', 'Therapeutic use (Phase IV)',
    ],
  },
  {
    field: 'design',
    labels: [
      'Design', 'Study design', 'Study Design', 'Study Designs', 'Secondary study design', 'Design of the trial',
      'Study design (Detail)', 'Trial design', 'Design details', 'Study Model', 'Observational Model',
    ],
    inline: true,
  },
  {
    field: 'allocation',
    labels: [
      'Allocation', 'Randomization', 'Randomisation', "Randomization (investigator's opinion)", 'Randomised', 'Randomized',
      'Allocation to intervention', 'Intervention Assignment', 'Method of allocation',
    ],
    inline: true,
  },
  { field: 'model', labels: ['Intervention Model', 'Interventional Model', 'Intervention model', 'Assignment', 'Intervention assignment', 'Study model', 'Basic design', 'Interventional Study Model'], inline: true },
  { field: 'modelDescription', labels: ['Intervention Model Description', 'Model Description'], inline: true },
  {
    field: 'masking',
    labels: [
      'Masking', 'Blinding', 'Blinding/Masking', 'Masking/Blinding', "Blinding (investigator's opinion)",
      'Who is / are masked / blinded?', 'Masking: who is masked', 'Blinded', 'Masking / blinding', 'Blinding type',
      'Groups that have been masked', 'Who is blinded', 'Blinding and masking', 'Masking type', 'Masking Role', 'Masked Subject', 'Who is masked',
    ],
    inline: true,
  },
  { field: 'maskingDescription', labels: ['Masking Description', 'Blinding description'], inline: true },
  {
    field: 'purpose',
    labels: ['Primary Purpose', 'Primary purpose', 'Purpose', 'Study Aim', 'Trial type', 'Purpose of the study', 'Study purpose', 'Purpose of the trial', 'Purpose of intervention'],
    inline: true,
  },
  { field: 'controlled', labels: ['Controlled'] },
  {
    field: 'designFlag', // EU CTR E.8 yes/no items: the label names the design, the value says whether it applies
    labels: [
      'Open', 'Single blind', 'Double blind', 'Parallel group', 'Cross over', 'The trial involves multiple sites in the Member State concerned',
      'The trial involves single site in the Member State concerned', 'Therapy', 'Prophylaxis', 'Diagnosis',
    ],
    inline: true,
  },
  { field: 'sexFlag', labels: ['Female', 'Male'] },
  { field: 'placebo', labels: ['Placebo'] },
  { field: 'controlGroup', labels: ['Control group', 'Type of control', 'Comparator', 'Control'] },
  { field: 'centres', labels: ['Monocenter/Multicenter trial', 'Centers', 'Centres', 'Number of centres', 'Number of study centres', 'Study centre', 'Multicentre', 'Trial setting'] },
  {
    field: 'enrollmentTarget',
    labels: [
      'Estimated number of participants worldwide',
      'Target sample size', 'Target size', 'Estimated Enrollment', 'Anticipated Enrollment', 'Target number of participants',
      'Total Sample Size', 'Sample Size from India', 'Planned Sample Size', 'Planned number of subjects',
      'In the whole clinical trial', 'Target Sample Size', 'Planned enrollment', 'Number of subjects',
      'Planned Number of Participants', 'Total Sample Size (Global)', 'Total sample size', 'Target', 'Planned number of participants worldwide', 'Anticipated target sample size', 'Enrollment goal', 'Sample size - Target',
    ],
  },
  {
    field: 'enrollmentActual',
    labels: [
      'Actual sample size reached',
      'Actual Enrollment', 'Final sample size', 'Actual sample size', 'Total final enrolment', 'Recruited participants',
      'Actual number of participants', 'Final Enrollment numbers achieved (Total)', 'Actual Number of Participants', 'Final', 'Actual target sample size', 'Final Sample Size', 'Sample size - Final',
    ],
  },
  { field: 'groupSize', labels: ['Sample size', 'Sample size of group'] },
  { field: 'enrollment', labels: ['How many people?', 'Enrollment', 'Enrolment', 'Number of Participants', 'Participants'] },
  {
    field: 'start',
    labels: [
      'Start of trial',
      'Date of first enrolment', 'Date of first enrollment', 'Study Start', 'Study Start Date', 'Start Date', 'Start date',
      'Date of First Enrollment (India)', 'Date of First Enrollment (Global)', 'Anticipated date of first participant enrolment',
      'Actual date of first participant enrolment', 'Recruitment start date', 'Overall study start date',
      'Actual Study Start Date', 'Planned Study Start Date', 'Date of enrollment', 'Study start', 'Date enrollement',
      'Date of first participant enrolment', 'Anticipated start date', 'Actual start date', 'Actual recruitment start date',
      'Expected recruitment start date', '(Anticipated or Actual) Date of First Enrollment', 'Anticipated trial start date', 'Actual trial start date', 'Date first enrollment', 'Planned study start date', 'Actual study start date',
    ],
  },
  { field: 'primaryCompletion', labels: ['Primary Completion Date', 'Primary Completion', 'Estimated Primary Completion Date', 'Actual Primary Completion Date'] },
  {
    field: 'completion',
    labels: [
      'End of trial', 'Estimated end of trial',
      'Study Completion', 'Completion Date', 'Study Completion Date', 'Overall study end date', 'Anticipated date of last data collection',
      'Actual date of last data collection', 'Date of last data collection', 'Date of Study Completion (India)', 'Date of Study Completion (Global)',
      'Planned Study Completion Date', 'Actual Study Completion Date', 'Estimated Study Completion Date', 'End date',
      'Anticipated end date', 'Date of completion', 'Study end date', 'Date Completed', 'Results date completed', 'Trial completion date', 'Study Closing (LPLV)', 'Anticipated date of last follow up', 'Actual Last follow-up date', 'Last follow-up date', 'Planned study completion date', 'End of trial date', 'Date of Study Completion', 'Date of the global end of the trial',
    ],
  },
  { field: 'resultsPosted', labels: ['Results First Posted', 'Results First Posted Date', 'Date Posted', 'Results date posted'] },
  { field: 'recruitmentPeriod', labels: ['Recruiting time', 'Study execute time', 'Duration of recruitment', 'Estimated Duration of Trial'] },
  { field: 'age', labels: ['Who can take part?', 'Age', 'Ages', 'Ages Eligible for Study', 'Age range', 'Age group', 'Age limits', 'Eligible ages', 'Age Limit', 'Ages eligible', 'Participant age'] },
  {
    field: 'minAge',
    labels: [
      'Age minimum', 'Minimum Age', 'Minimum age', 'Min age', 'Inclusion agemin', 'Lower age limit', 'Age From', 'Age min',
      'Minimum age of participants', 'Age-lower limit',
    ],
  },
  { field: 'maxAge', labels: ['Age maximum', 'Maximum Age', 'Maximum age', 'Max age', 'Inclusion agemax', 'Upper age limit', 'Age To', 'Age max', 'Age-upper limit'] },
  {
    field: 'sex',
    labels: ['Gender', 'Sex', 'Sexes Eligible for Study', 'Sex/Gender', 'Sexes Eligible', 'Inclusion gender', 'Sexes', 'Genders eligible'],
  },
  {
    field: 'healthyVolunteers',
    labels: [
      'Accepts Healthy Volunteers', 'Healthy volunteers', 'Healthy Volunteers', 'Can healthy volunteers participate?',
      'Accepts healthy volunteers', 'Healthy volunteers accepted', 'Accept Healthy Volunteers',
    ],
  },
  {
    field: 'criteria',
    labels: [
      'Key inclusion & exclusion criteria', 'Eligibility Criteria', 'Eligibility criteria', 'Criteria', 'Eligibility',
      'Inclusion/Exclusion Criteria', 'Key inclusion and exclusion criteria', 'Participant Eligibility',
    ],
  },
  {
    field: 'inclusion',
    labels: [
      'Inclusion Criteria', 'Inclusion criteria', 'Key inclusion criteria', 'Participant inclusion criteria',
      'Principal inclusion criteria', 'Inclusion', 'Key Inclusion Criteria', 'Additional Inclusion Criteria', 'List inclusion criteria', 'You may be eligible if you',
    ],
    inline: true,
  },
  {
    field: 'exclusion',
    labels: [
      'Exclusion Criteria', 'Exclusion criteria', 'Key exclusion criteria', 'Participant exclusion criteria',
      'Principal exclusion criteria', 'Exclusion', 'Key Exclusion Criteria', 'List exclusion criteria', 'You may not be eligible if you',
    ],
    inline: true,
  },
  {
    field: 'conditions',
    labels: [
      'Conditions', 'Condition', 'Health Condition(s) or Problem(s) studied', 'Health condition(s) or problem(s) studied',
      'Target condition', 'Target disease', 'Medical condition(s) being investigated', 'Health condition',
      'Health Condition or Problem studied', 'Health Condition / Problem Studied', 'Health condition or problem studied', 'Disease or Health Condition(s) Studied', 'Condition(s)', 'Disease or condition',
      'Medical condition or disease under investigation', 'Condition or disease', 'Condition studied', 'Diseases or conditions', 'Keywords',
      'Description of health condition studied', 'Medical conditions', 'Disease(s) or condition(s) being studied', 'Sub-Disease(s) or condition(s) being studied', 'Health conditions',
    ],
  },
  {
    field: 'interventions',
    labels: [
      'Intervention(s)', 'Interventions', 'Intervention', 'Description of intervention(s) / exposure', 'Intervention / Comparator Agent',
      'Intervention/Treatment', 'Interventions/Exposure',
      'Intervention / exposure', 'Intervention Name', 'Comparator / control treatment', 'Intervention / Treatment', 'Interventions/Control', 'Treatment',
    ],
  },
  { field: 'interventionNames', labels: ['Drug/device/biological/vaccine name(s)', 'Drug names', 'Product name'] },
  { field: 'interventionType', labels: ['Intervention type', 'Intervention Type', 'Intervention code'] },
  { field: 'arms', labels: ['Arms and Interventions', 'Arms', 'Study Arms', 'Study Groups', 'Arm Group', 'Arm groups', 'Groups', 'Study groups', 'Arms/Groups'] },
  { field: 'arm', labels: ['Arm', 'Arm 1', 'Arm 2', 'Arm 3', 'Arm 4', 'Arm 5', 'Arm 6', 'Additional arms', 'Group'] },
  {
    field: 'primaryOutcome',
    labels: [
      'Primary Outcome(s)', 'Primary outcome', 'Primary outcomes', 'Primary Outcome Measures', 'Primary outcome measure',
      'Primary outcome measures', 'Primary Outcome', 'Primary end point(s)', 'Primary endpoint', 'Primary endpoints',
      'Main outcome', 'Primary outcome measure(s)', 'Primary Outcome Measure',
    ],
  },
  {
    field: 'secondaryOutcome',
    labels: [
      'Secondary Outcome(s)', 'Secondary outcome', 'Secondary outcomes', 'Secondary Outcome Measures', 'Secondary outcome measure',
      'Secondary outcome measures', 'Secondary Outcome', 'Secondary end point(s)', 'Secondary endpoint', 'Secondary endpoints',
      'Key secondary outcomes', 'Secondary outcome measure(s)', 'Secondary Outcome Measure', 'Other outcomes',
    ],
  },
  {
    field: 'timeFrame',
    labels: ['Timepoint(s) at which outcome measured', 'Timepoint(s) of evaluation of primary end point', 'Timepoint(s) of evaluation of secondary end point(s)', 'Timepoint', 'Timepoint(s)', 'Timepoints', 'Time Point', 'Time frame', 'Time Frame', 'Timepoint(s) of evaluation of this end point', 'Measure time point of outcome'],
  },
  {
    field: 'countries',
    labels: [
      'Where?',
      'Member states concerned', 'Third countries',
      'Countries of recruitment', 'Countries', 'Country', 'Recruitment countries', 'Location Countries', 'Countries of Recruitment',
      'Country of recruitment', 'Recruitment country', 'Recruitment outside Australia', 'Countries of recruitment (WHO)',
      'Location countries', 'Listed Location Countries', 'Member State Concerned', 'Specify the countries outside of the EEA in which trial sites are planned',
      'If E.8.6.1 or E.8.6.2 are Yes, specify the regions in which trial sites are planned', 'Region', 'Recruitment Locations',
    ],
  },
  {
    field: 'locations',
    labels: [
      'Locations', 'Recruitment hospital', 'Sites of Study', 'Study sites', 'Trial sites', 'Study locations', 'Trial participating centres',
      'Sites', 'Trial Sites', 'Location', 'Countries of recruitment and sites', 'Study participating centre', 'Name of recruitment centre',
    ],
  },
  {
    field: 'contacts',
    labels: [
      'Scientific contact point', 'Public contact point',
      'Contacts', 'Contact', 'Investigators', 'Principal Investigator(s)', 'Principal Investigators', 'Principal investigator',
      'Overall Official', 'Study leader', 'Applicant', 'Contact for public queries', 'Contact for scientific queries',
      'Contact for Public Queries', 'Contact for Scientific Queries', 'Details of Principal Investigator',
      'Details of Principal Investigator or overall Trial Coordinator (multi-center study)', 'Details Contact Person (Scientific Query)',
      'Details Contact Person (Public Query)', 'Public Contact', 'Scientific Contact', 'Contact person', 'Contact information',
      'Contact Information', 'Central Contact', 'Central Contact Person', 'Central Contact Backup', 'Contact name', 'Study Officials', 'Principal Investigator',
      'Contact person for scientific queries', 'Contact person for public queries', 'Primary contact', 'Scientific contact',
      'Public contact', 'Contact person for information and services', 'Person responsible for general inquiries',
      'Person responsible for scientific inquiries', 'Contact people', 'Public Enquiries', 'Scientific Enquiries', 'Contact the study team',
    ],
  },
  { field: 'results', labels: ['Results', 'Results available', 'Study Results', 'Has results', 'Results information', 'Results Posted'] },
  { field: 'resultsUrl', labels: ['Results URL', 'Results url link', 'Link to results'] },
  { field: 'resultsSummary', labels: ['Results summary', 'Basic results', 'Summary results', 'Results Summary'] },
  {
    field: 'briefSummary',
    labels: [
      'Brief Summary', 'Brief summary', 'Summary', 'Plain English Summary', 'Plain English summary', 'Lay summary',
      'Brief Summary in Lay Language', 'Brief description', 'Description', 'Background and study aims', 'Study summary', 'Lay Summary', 'Brief summary describing the background and objectives of the trial', 'What is this trial about?',
    ],
  },
  {
    field: 'detailedDescription',
    labels: ['Detailed Description', 'Detailed description', 'Brief Summary in Scientific Language', 'Scientific summary', 'Scientific abstract'],
  },
  { field: 'objectives', labels: ['Main Objective', 'Study hypothesis', 'Study objectives', 'Objectives', 'Main objective of the trial', 'Objectives of Study', 'Objective', 'Aims'] },
  {
    field: 'references',
    labels: [
      'References', 'Publications', 'Publication', 'Results publications', 'Citations', 'Publications and other study-related documents',
      'Publication and dissemination plan', 'Citation', 'Publications automatically indexed to this study',
    ],
  },
  { field: 'relatedTrials', labels: ['Related Clinical Trials', 'More Related Trials', 'Related trials', 'Similar trials', 'Similar studies'] },
  {
    field: 'section',
    labels: [
      'Tracking Information', 'Participation Requirements', 'Main', 'Ethics review', 'Ethics approval', 'Ethics approval(s)',
      'Basic Information', 'Responsible Party', 'Disclaimer', 'Study Details', 'Study Overview', 'Titles & IDs', 'Health condition',
      'Intervention/exposure', 'Outcomes', 'Eligibility', 'Study design', 'Recruitment', 'Funding & Sponsors', 'Ethics approval',
      'Summary', 'Study information', 'Participant information', 'Locations', 'Sharing statement', 'Data sharing statement',
      'IPD sharing statement', 'Individual participant data (IPD) sharing plan', 'Editorial Notes', 'Study website',
      'Condition category', 'Study Documents', 'Study Plan', 'Study Record Dates', 'Contacts and Locations', 'More Information',
      'Additional information', 'Other Study ID Numbers Information', 'Original Primary Outcome Measures',
      'Original Secondary Outcome Measures', 'Original Estimated Enrollment', 'Original Actual Enrollment', 'Change History',
      'Procedure for enrolling a subject and allocating the treatment (allocation concealment procedures)',
      'Methods used to generate the sequence in which subjects will be randomised (sequence generation)',
      'Other design features', 'Type of endpoint/s', 'Statistical methods / analysis', 'Date of last participant enrolment',
      'Participant type(s)', 'Study setting(s)', 'Participant information sheet', 'Who can participate?',
      'What does the study involve?', 'What are the possible benefits and risks of participating?', 'Where is the study run from?',
      'When is the study starting and how long is it expected to run for?', 'Who is funding the study?', 'Who is the main contact?',
      'Intention to publish date', 'Results and Publications', 'Publication citations', 'Funders', 'Recruitment end date',
      'Ethics application status', 'Date submitted', 'Date data sharing statement initially provided', 'Recruitment state(s)',
      'Funding source category', 'Primary sponsor type', 'Condition code', 'Post Graduate Thesis', 'Method of Generating Random Sequence',
      'Details of Secondary Sponsor', 'Participation Criteria', 'Resource links provided by the National Library of Medicine',
      'How is the study designed?', 'What is the study measuring?', 'Terms related to this study', 'Collaborators and Investigators',
      'Study Registration Dates', 'Study Record Updates', 'Publications & Helpful Links', 'Information provided by', 'Information provided by (Responsible Party)', 'Outcome Measures', 'Study Description',
      'First Submitted that Met QC Criteria', 'Last Update Submitted that Met QC Criteria', 'Removed Location Countries', 'Has Data Monitoring Committee', 'PRS Account',
      'Verification Date', 'U.S. FDA-regulated Product', 'IPD Sharing Statement', 'Plan to Share IPD', 'Tabular View', 'Trial Description', 'Organizational Data', 'Characteristics', 'Addresses',
      'Planned/Actual', 'Trial Completion details', 'Research involving', 'Sponsors and support', 'National/International', 'Study Type Non-Interventional', 'Off-label use', 'Locations of Recruitment',
      'Investigator Sponsored/Initiated Trial (IST/IIT)', 'Ethics Committee Approval', 'Ethics Committee Number',
      'Date of Registration in Partner Registry or other Primary Registry', 'Interventions, Observational Groups', 'Regulatory Clearance Status from DCGI', 'Details of Ethics Committee',
      'Method of Concealment', 'Publication Details', 'Name of Principal Investigator', 'Registrant information', 'Update count',
      'Randomization description', 'Blinding description', 'Ethics committees', 'Recruitment centers', 'Sponsors / Funding sources',
      'Expected recruitment end date', 'Actual recruitment end date', 'Approval date',
      'Sponsor information', 'Sponsor details', 'Accrual to date', 'Descriptive Information', 'Recruitment Information', 'Administrative Information', 'Study Identification',
      // UMIN-CTR, PACTR, ReBEC, DRKS (2023 layout) items that are not trial fields
      'Receipt number', 'Classification by specialty', 'Classification by malignancy', 'Genomic information', 'Narrative objectives1',
      'Basic objectives2', 'Basic objectives -Others', 'Trial characteristics_1', 'Trial characteristics_2', 'Randomization unit', 'Stratification',
      'Dynamic allocation', 'Institution consideration', 'Blocking', 'Concealment', 'No. of arms', 'Type of intervention',
      'Research contact person', 'Institutions', 'Date of protocol fixation', 'Date of IRB', 'Date of closure to data entry',
      'Date trial data considered complete', 'Date analysis concluded', 'Other related information', 'Management information',
      'Link to view the page', 'IND to MHLW', 'General descriptors for health conditions', 'Descriptors', 'Issuing authority',
      'Age Category', 'Longitudinal/Cross-sectional', 'Reason if recruitment stopped or withdrawn', 'Recruitment period and number of participants',
      'Endpoints', 'Trial Registration Dates', 'Further identification numbers', 'Vote of the Ethics Committee', 'Date of the vote',
      'EUDAMED Number', 'Expanded access program', 'Number of arms', 'Public acronym', 'Trial Status', 'Publication URL',
      'IRCT registration information', 'Date of Approval', 'Type of trial', 'Related information', 'URL releasing protocol', 'Publication of results', 'Base', 'Date of disclosure of the study information', 'Research Summary', 'Rare Disease', 'Background', 'Therapeutic area', 'Trial duration', 'Population of trial subjects', 'Planned number of participants in the EEA', 'Decision date', 'Trial information', 'Keyword', 'Key facts', 'What is being measured?', 'Study Endpoint Classification', 'Submission date', 'Recruitment centres',
      // jRCT items that are not trial fields
      'Type of Clinical Study', 'Discontinuation criteria', 'Outline of the study', 'Sponsor/CRB information', 'Drug name etc.',
      'Certified Review Board', 'Other information', 'History of Changes', 'Sample size - Accrual to date',
      // ClinicalTrials.gov Researcher View headings and rows that are not trial fields
      'Oversight', 'Gender Based', 'Record Verification Date',
      // CTIS (euclinicaltrials.eu) items that are not trial fields
      'Medical condition(s) in lay language', 'Is the medical condition a rare disease?', 'Sponsor protocol code', 'Transition trial',
      'Number of participants enrolled', 'Estimated number of participants in EEA', 'Scope of the trial', 'Products', 'Trial timelines',
      'Trial region', 'Is it a blinded trial?', 'Population',
      // plain-language glance boxes of news pages
      'Who cannot take part?', 'Funded by',
      'Secondary sponsor category', // ANZCTR: a heading over the secondary sponsor's rows
    ],
  },
  // Chinese, German, Spanish, French and Portuguese labels: after the English ones, which win a shared key
  ...LANGUAGE_LABELS,
];

/** `E.8.1.1 Randomised:` → `randomised`; `Primary outcome [1]` → `primary outcome`; `Secondary ID(s)` → `secondary id s`. */
export function labelKey(label: string): string {
  return label
    .replace(/^\s*(?:[A-H](?:\.\d+)+\.?|\d+(?:\.\d+)*\.)\s+/, '') // EU CTR item numbers, numbered headings
    .replace(/\s*\[\d+\]\s*$/, '') // ANZCTR counters
    .replace(/[:：]\s*$/, '')
    .toLowerCase()
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '') // accents: `Título` ~ `Titulo`, `Höchstalter` ~ `Hochstalter`
    // a bilingual label's Chinese twin before it (`样本总量 Total sample size`) is dropped; Chinese after it is a value
    // (`Primary sponsor: 同济大学…` is no label alone)
    .replace(/^[\u3400-\u9fff]+\s+(?=[a-z])/, '')
    .replace(/[^a-z0-9\u3400-\u9fff]+/g, ' ')
    .trim()
    .replace(/ icmje$/, '') // ClinicalTrials.gov tabular view marks WHO/ICMJE items
    .replace(/ (?:actual|estimated|anticipated)$/, '') // ClinicalTrials.gov: `Study Start (Actual)`, `Enrollment (Estimated)`
    .replace(/^current /, ''); // ...and prefixes the present value with 'Current'
}

/** key → field. Where two entries share a key the first listed wins (so `section` never hides a real field). */
const BY_KEY: Map<string, PageField> = (() => {
  const m = new Map<string, PageField>();
  for (const e of VOCABULARY) for (const l of e.labels) if (!m.has(labelKey(l))) m.set(labelKey(l), e.field);
  return m;
})();

/**
 * Labels that count only when followed by a colon (`Randomised: Yes`): alone on a line they are ordinary words —
 * a portal's bare `RANDOMIZED`, an arm called `Placebo`.
 */
const COLON_ONLY = new Set(
  ['Randomised', 'Randomized', 'Controlled', 'Placebo', 'Blinded', 'Group', 'Comparator', 'Inclusion', 'Exclusion',
    'Keywords', 'Arm', 'Sponsor', 'Control', 'Registry', 'Country', 'Open', 'Single blind', 'Double blind', 'Parallel group',
    'Cross over', 'Female', 'Male', 'Participants', 'Location', 'Objective', 'Aims', 'Funding', 'Sites', 'UTN', 'Therapy', 'Prophylaxis', 'Diagnosis']
    .map(labelKey),
);

/** The field a label names, or null when it is no label of the vocabulary. `alone`: the label stands on its own line. */
export function fieldOfLabel(label: string, alone = false): PageField | null {
  let key = labelKey(label);
  let field = BY_KEY.get(key) ?? null;
  if (!field) {
    // a known label with a trailing explanation or counter: `Anticipated target sample size (number of participants)`,
    // `Acronym (If the trial has an acronym then please provide)`, UMIN's `Interventions/Control_2`
    // …or a count after a heading: `Locations (3)`
    const bare = label.replace(/[:：]\s*$/, '').replace(/\s*\((?:[^()]{3,}|\d{1,4})\)\s*$/, '').replace(/_\d{1,2}$/, '');
    if (bare !== label.replace(/[:：]\s*$/, '')) { key = labelKey(bare); field = BY_KEY.get(key) ?? null; }
    // singular/plural and a leading planning word: `Primary end point` ~ `Primary end point(s)`, `Estimated recruitment start date`
    if (!field && key.includes(' ')) {
      const k = key.replace(/^(?:estimated|anticipated|planned|expected|actual) /, '');
      const joined = k.replace(/ s\b/g, 's'); // `Outcome Measure(s)` ~ `Outcome Measures`
      field = BY_KEY.get(k) ?? BY_KEY.get(`${k} s`) ?? BY_KEY.get(`${k}s`) ?? BY_KEY.get(joined) ?? BY_KEY.get(k.replace(/ s\b/g, ''))
        ?? (k.endsWith('s') ? BY_KEY.get(k.slice(0, -1)) ?? null : null);
    }
    // alternatives joined by a slash: `Public/Brief Title`, `Condition(s)/Problem(s)`
    if (!field && label.includes('/') && label.length <= 60 && !/[\t:：]./.test(label)) {
      const parts = label.replace(/[:：]\s*$/, '').split('/').map((p) => p.trim()).filter((p) => p.length > 2);
      // (…and a bilingual label, `Fecha de término estimada / Estimated end date`: each side read as a label of its own)
      for (const p of parts) { const f = BY_KEY.get(labelKey(p)) ?? (p.includes('/') ? null : fieldOfLabel(p)); if (f && f !== 'section') { field = f; key = labelKey(p); break; } }
      // `Public/Brief Title`: the last part carries the shared noun
      if (!field && parts.length === 2 && !parts[0]!.includes(' ')) {
        const noun = parts[1]!.split(' ').slice(1).join(' ');
        const f = noun ? BY_KEY.get(labelKey(`${parts[0]} ${noun}`)) ?? null : null;
        if (f && f !== 'section') { field = f; key = labelKey(`${parts[0]} ${noun}`); }
      }
    }
  }
  // a numbered heading (`Drug name etc. 1`): a heading's number, never a value's (`Phase 3` stays no label)
  if (!field) {
    const counted = /^(.{3,80}?)\s+\d{1,2}$/.exec(label.replace(/[:：]\s*$/, '').trim());
    if (counted && BY_KEY.get(labelKey(counted[1]!)) === 'section') field = 'section';
  }
  if (!alone || !field) return field;
  if (COLON_ONLY.has(key)) return null;
  // ClinicalTrials.gov enum words shown bare by portals (RANDOMIZED, PARALLEL, TREATMENT) are values, not labels
  if (/^[A-Z]{4,}(?:_[A-Z]+)*$/.test(label.trim()) && (ENUM_LIKE.has(field) || VALUE_WORD_LABELS.has(key))) return null;
  return field;
}

/**
 * Headings that are also values of a one-value field (a portal's `Treatment` heads its interventions, and is the value
 * under `Purpose`): right under such a field's label, still waiting for its value, the word is that value.
 */
export const VALUE_WORD_LABELS = new Set(['Treatment'].map(labelKey));

const ENUM_LIKE = new Set<PageField>(['allocation', 'model', 'masking', 'purpose', 'status', 'studyType', 'phase', 'design']);

/** One-word labels safe to find run together; other one-word labels (`Type`, `Purpose`) are too common in prose. */
const INLINE_SINGLE = new Set(['Allocation', 'Masking', 'Blinding']);

/** Labels that may appear run together inside a line, longest first (so `Intervention Model Description` beats `Intervention Model`). */
export const INLINE_LABELS: string[] = VOCABULARY.filter((e) => e.inline)
  .flatMap((e) => e.labels)
  .filter((l) => !l.endsWith(':') && (l.includes(' ') || INLINE_SINGLE.has(l)))
  .sort((a, b) => b.length - a.length);

/**
 * Is `text` the start of a label cut off inside a word (`Study le` of `Study leader`, `Inter` of `Interventions`, `H` of
 * `Health Condition`)? What a page that stopped mid-line leaves as its last line. A whole word (`Hospital` before
 * `Hospital name`) or a label itself is no cut label.
 */
export function isCutLabel(text: string): boolean {
  const key = labelKey(text);
  if (key === '' || BY_KEY.has(key) || fieldOfLabel(text, true) !== null) return false;
  for (const k of BY_KEY.keys()) if (k.length > key.length && k.startsWith(key) && /[a-z0-9]/.test(k[key.length]!)) return true;
  return false;
}
