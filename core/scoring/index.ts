/** Scoring: the same deterministic, versioned code on the kiosk and on the server. */
export { DOMAINS, scoreItem, UNIT, type ItemScore } from './items.ts';
export { bandOf, profileOf, type CompletedAnswers, type DomainScore, type Profile } from './profile.ts';
export {
  SCORING_VERSION,
  scoreParticipant,
  type DomainResult,
  type Recommendation,
  type ScoringResult,
} from './result.ts';
