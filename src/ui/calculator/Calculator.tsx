// The keep-alive calculator: for a fleet of devices, how long a broker takes to notice one that lost
// power, and what keep alive costs in bytes and broker packets, for every broker profile. Inputs,
// a table of the figures, three plots against keep alive, and "Simulate this", which hands a matching
// scenario to the page and, once that run is done, puts what it measured beside the calculation.

import { useMemo, useState } from 'react';
import {
  DEFAULT_INPUTS,
  calculatorScenario,
  delayCurves,
  detectionDelay,
  keepAliveSamples,
  keepAliveTraffic,
  trafficCurve,
  type KeepAliveInputs,
  type MeasuredKeepAlive,
} from '../../analysis/keepAlive';
import type { Scenario } from '../../scenario/types';
import { DelayPlot } from './DelayPlot';
import { HowItWorks } from './HowItWorks';
import { parseForm, sameInputs, textsOf, type FormTexts } from './form';
import { InputsForm } from './InputsForm';
import { ResultsTable } from './ResultsTable';
import { TrafficPlots } from './TrafficPlots';
import {
  simulationRequest,
  useRunMeasurement,
  type RunMeasurement,
  type SimulationRequest,
} from './useRunMeasurement';
import './calculator.css';

export interface CalculatorProps {
  /**
   * Plays the scenario in the page, e.g. `appController().openScenario(scenario, { play: true })`.
   * The calculator then measures the page's trace of it once the run is done.
   */
  onSimulate(scenario: Scenario): void;
  /**
   * Measured figures the caller supplies (null: none yet). When omitted, the calculator measures the
   * page's run of the scenario it handed over.
   */
  measured?: MeasuredKeepAlive | null;
  initial?: Partial<KeepAliveInputs>;
  /** Shows a Close button (and Escape closes). */
  onClose?(): void;
}

const NO_SAMPLES: readonly number[] = [];

function runText(run: RunMeasurement, request: SimulationRequest | null, current: boolean): string {
  if (request === null) return '';
  const sensors = request.scenario.clients[0]?.count ?? 1;
  switch (run.state) {
    case 'running': {
      const pct = run.percent === null ? '' : ` (${run.percent} % of the run)`;
      return `Simulating ${sensors} sensors${pct}: the measured column fills in when the run ends.`;
    }
    case 'done':
      return current
        ? `Measured in a simulation of ${sensors} sensors, each losing power once.`
        : 'The inputs changed since the simulation: Simulate this again to measure them.';
    case 'elsewhere':
      return 'The page shows another run now: Simulate this again to measure.';
    default:
      return '';
  }
}

export function Calculator(props: CalculatorProps) {
  const { onSimulate, onClose } = props;
  const [texts, setTexts] = useState<FormTexts>(() => textsOf({ ...DEFAULT_INPUTS, ...props.initial }));
  const parsed = useMemo(() => parseForm(texts), [texts]);
  // The plots and table keep showing the last valid inputs while a field is being corrected.
  const [shown, setShown] = useState<KeepAliveInputs>(() => parsed.inputs ?? DEFAULT_INPUTS);
  const [request, setRequest] = useState<SimulationRequest | null>(null);
  const run = useRunMeasurement(request);

  const change = (next: FormTexts): void => {
    setTexts(next);
    const p = parseForm(next);
    if (p.inputs !== null) setShown(p.inputs);
  };
  const simulate = (): void => {
    if (parsed.inputs === null) return;
    const scenario = calculatorScenario(parsed.inputs);
    setRequest(simulationRequest(scenario, parsed.inputs));
    onSimulate(scenario);
  };

  const current = request !== null && parsed.inputs !== null && sameInputs(request.inputs, shown);
  const measured =
    props.measured !== undefined ? props.measured : run.state === 'done' && current ? run.measured : null;

  const delay = useMemo(() => detectionDelay(shown), [shown]);
  const traffic = useMemo(() => keepAliveTraffic(shown), [shown]);
  const ks = useMemo(() => keepAliveSamples(shown.keepAliveS), [shown.keepAliveS]);
  const curves = useMemo(() => delayCurves(shown, ks), [shown, ks]);
  const points = useMemo(() => trafficCurve(shown, ks), [shown, ks]);
  const samples = measured?.detection.samples ?? NO_SAMPLES;
  const status = runText(run, request, current);

  return (
    <section
      className="panel calculator"
      aria-label="Calculator"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onClose) onClose();
      }}
    >
      <div className="ka-head">
        <h2>Keep-alive calculator</h2>
        {onClose && (
          <button type="button" onClick={onClose}>
            Close
          </button>
        )}
      </div>
      <p className="hint">
        How long until the broker notices a device that lost power, and what keep alive costs a fleet.
      </p>
      <InputsForm texts={texts} problems={parsed.problems} onChange={change} />
      <ResultsTable delay={delay} traffic={traffic} fleetSize={shown.fleetSize} measured={measured} />
      <div className="ka-simulate">
        <button type="button" className="primary" onClick={simulate} disabled={parsed.inputs === null}>
          Simulate this
        </button>
        <p className="ka-status" aria-live="polite">
          {status}
        </p>
      </div>
      <DelayPlot
        curves={curves}
        selected={shown.profile}
        keepAliveS={shown.keepAliveS}
        delay={delay}
        samples={samples}
        onPick={(profile) => change({ ...texts, profile })}
      />
      <TrafficPlots
        points={points}
        keepAliveS={shown.keepAliveS}
        publishIntervalS={shown.publishIntervalS}
        fleetSize={shown.fleetSize}
        traffic={traffic}
        measured={measured}
      />
      <HowItWorks />
    </section>
  );
}
