/**
 * Complete facts for every letter template, with names that are not all Latin, and the text each
 * generated file must contain.
 */
export const PARENT = 'Zoë Kowalczyk';
export const CHILD = 'محمد Al-Sayed';
export const REF = 'EH123/26/00042';

export interface LetterFixture {
  fields: Record<string, unknown>;
  /** Text that must appear in both the DOCX and the PDF. */
  expect: string[];
}

const officer = {
  officerName: 'Dr Amal Haddad',
  officerRole: 'Designated Clinical Officer',
  officerEmail: 'amal.haddad@example.nhs.uk',
  officerPhone: '01632 960001',
};

const laOfficer = {
  laName: 'Anytown Borough Council',
  officerName: 'Siobhán Ní Bhriain',
  officerRole: 'SEND Casework Officer',
  officerEmail: 'send@anytown.example.gov.uk',
};

export const FIXTURES: Record<string, LetterFixture> = {
  'health-commissioner-response': {
    fields: {
      date: '2026-12-01',
      commissionerOrganisation: 'NHS Anytown Integrated Care Board',
      commissionerAddress: ['Civic Centre', 'Anytown AN1 1AA'],
      ...officer,
      appellantName: PARENT,
      appellantAddress: ['12 Acacia Avenue', 'Anytown AN2 2BB'],
      laName: 'Anytown Borough Council',
      childName: CHILD,
      tribunalRef: REF,
      decisionDate: '2026-11-02',
      responseDueDate: '2026-12-07',
      recommendations: [
        {
          text: 'The ICB should arrange a speech and language therapy assessment within 6 weeks.',
          decision: 'will-follow',
          steps: [{ action: 'Refer to the community speech and language therapy service', by: '2027-01-15' }],
        },
        {
          text: 'The ICB should fund weekly private occupational therapy.',
          decision: 'will-not-follow',
          reasons: [
            'The community occupational therapy team can meet the assessed need within the same time.',
          ],
        },
      ],
    },
    expect: [
      PARENT,
      CHILD,
      REF,
      'Dr Amal Haddad',
      'speech and language therapy assessment within 6 weeks',
      'Refer to the community speech and language therapy service',
      '15 January 2027',
      'We will not follow this recommendation.',
      'The community occupational therapy team can meet the assessed need',
      'Parliamentary and Health Service Ombudsman',
      'judicial review',
      'Anytown Borough Council',
      'amal.haddad@example.nhs.uk',
      'Recommendations Power) Regulations 2017 (S.I. 2017/1306)',
      'Our response is due by 7 December 2026',
    ],
  },
  'social-care-commissioner-response': {
    fields: {
      date: '2026-12-01',
      commissionerOrganisation: "Anytown Children's Social Care",
      ...officer,
      officerName: 'Kwame Mensah',
      appellantName: PARENT,
      childName: CHILD,
      tribunalRef: REF,
      decisionDate: '2026-11-02',
      responseDueDate: '2026-12-07',
      recommendations: [
        {
          text: 'Provide two overnight short breaks a month.',
          decision: 'will-follow-in-part',
          steps: [{ action: 'One overnight short break a month at Oak House', by: '2027-02-01' }],
          reasons: [
            'A second night is not needed: the assessment shows day respite meets the rest of the need.',
          ],
        },
      ],
    },
    expect: [
      PARENT,
      CHILD,
      'Kwame Mensah',
      'Provide two overnight short breaks a month.',
      'We will follow this recommendation in part.',
      'One overnight short break a month at Oak House',
      '1 February 2027',
      'A second night is not needed',
      'Local Government and Social Care Ombudsman',
    ],
  },
  'reasons-for-appeal': {
    fields: {
      date: '2026-08-20',
      appellantName: PARENT,
      appellantAddress: '12 Acacia Avenue\nAnytown AN2 2BB',
      childName: CHILD,
      laName: 'Anytown Borough Council',
      appealType: 'refusal-to-assess',
      decisionDate: '2026-06-15',
      decisionSummary: 'On 15 June 2026 the council refused to carry out an EHC needs assessment.',
      reasons:
        'The school has used its resources and محمد has made little progress in two years.\n\nThe educational psychologist says an assessment is needed.',
      orders: ['Carry out an EHC needs assessment for محمد'],
      evidence: [{ title: 'Educational psychologist report', date: '2026-05-10', pages: 'C1–C12' }],
    },
    expect: [
      PARENT,
      CHILD,
      'Anytown Borough Council',
      'carry out an education, health and care (EHC) needs assessment',
      '15 June 2026',
      'made little progress in two years',
      'Carry out an EHC needs assessment for محمد',
      'Educational psychologist report',
      'C1–C12',
    ],
  },
  'la-response': {
    fields: {
      date: '2026-10-13',
      ...laOfficer,
      laAddress: ['Town Hall', 'Anytown AN1 1AA'],
      childName: CHILD,
      appellantName: PARENT,
      tribunalRef: REF,
      appealType: 'contents-of-plan',
      decisionDate: '2026-07-01',
      position: 'opposes-in-part',
      factsSummary: ['The final EHC plan was issued on 1 July 2026 after an annual review in May.'],
      decisionReasons: ['The advice gathered at the review showed the needs had not changed.'],
      reasons: ['The provision in section F already meets the needs described in section B.'],
      childViewsKind: 'given',
      childViews: ['محمد told his teacher he likes his class and wants to stay with his friends.'],
      representativeName: 'Siobhán Ní Bhriain',
      representativeProfession: 'SEND casework officer',
      signatoryName: 'Dr Ifeoma Okafor',
      signatoryRole: 'Head of SEND',
      sections: [
        { section: 'F', position: 'Agreed: 10 hours of teaching assistant support. Disputed: 1:1 all day.' },
      ],
      evidence: [{ title: 'Annual review report', date: '2026-03-01' }],
      witnesses: [{ name: 'Olúwáṣeun Adébáyọ̀', role: 'Educational psychologist' }],
    },
    expect: [
      'Anytown Borough Council',
      'Siobhán Ní Bhriain',
      CHILD,
      PARENT,
      REF,
      'opposes the appeal in part',
      'already meets the needs described in section B',
      'Agreed: 10 hours of teaching assistant support.',
      'Annual review report',
      'Olúwáṣeun Adébáyọ̀',
      'Town Hall',
      'Summary of the facts',
      'issued on 1 July 2026 after an annual review in May',
      'the needs had not changed',
      'wants to stay with his friends',
      "The local authority's representative is Siobhán Ní Bhriain (SEND casework officer).",
      'Signed by an officer authorised to sign on behalf of Anytown Borough Council',
      'Dr Ifeoma Okafor',
      'Head of SEND',
      'Email: send@justice.gov.uk',
    ],
  },
  'late-evidence-request': {
    fields: {
      date: '2027-01-20',
      requesterName: PARENT,
      requesterRole: "the appellant, محمد's mother",
      otherPartyName: 'Anytown Borough Council',
      otherPartyView: 'The council has not yet replied.',
      childName: CHILD,
      tribunalRef: REF,
      evidenceDeadline: '2027-01-08',
      hearingDate: '2027-02-10',
      evidence: [{ title: 'Speech and language therapy report', date: '2027-01-15', pages: '14' }],
      whyLate: 'The therapist could only assess on 12 January 2027.',
      whyNeeded: 'It is the only up-to-date assessment of communication needs.',
    },
    expect: [
      PARENT,
      CHILD,
      REF,
      '8 January 2027',
      '10 February 2027',
      'Speech and language therapy report',
      'could only assess on 12 January 2027',
      'only up-to-date assessment',
      'The council has not yet replied.',
    ],
  },
  'extension-request': {
    fields: {
      date: '2027-01-05',
      requesterName: PARENT,
      requesterRole: 'the appellant',
      otherPartyName: 'Anytown Borough Council',
      childName: CHILD,
      tribunalRef: REF,
      step: 'send the final evidence',
      currentDueDate: '2027-01-08',
      requestedDate: '2027-01-22',
      reasons: 'The independent report will be ready on 18 January 2027.',
    },
    expect: [
      PARENT,
      CHILD,
      'send the final evidence',
      '8 January 2027',
      '22 January 2027',
      'independent report will be ready on 18 January 2027',
    ],
  },
  'non-compliance-note': {
    fields: {
      date: '2027-01-27',
      ...laOfficer,
      childName: CHILD,
      tribunalRef: REF,
      hearingDate: '2027-02-10',
      bundleVersion: '2',
      findings: [
        {
          part: "Appellant's evidence",
          limit: '100 pages',
          actual: 124,
          explanation: 'The appellant relies on three specialist reports that each cover a different need.',
        },
      ],
    },
    expect: [
      CHILD,
      REF,
      "Appellant's evidence",
      '100 pages',
      '124',
      'three specialist reports',
      'Siobhán Ní Bhriain',
      'Practice Direction',
    ],
  },
  'bundle-covering-letter': {
    fields: {
      date: '2027-01-27',
      ...laOfficer,
      childName: CHILD,
      appellantName: PARENT,
      tribunalRef: REF,
      hearingDate: '2027-02-10',
      bundlePages: 412,
      bundleVersion: '2',
      includesNote: 'yes',
      enclosures: ['Working document'],
    },
    expect: [
      CHILD,
      PARENT,
      REF,
      '412 pages',
      '10 February 2027',
      'Working document',
      'A note explaining why',
    ],
  },
};
