// The keep-alive calculator in the side column (src/ui/calculator): beside the timeline, so "Simulate
// this" plays its run where both can be seen. Its run opens at full speed: the figures it measures
// come at the end.

import { appController } from '../state/controller';
import { usePanelsStore } from '../state/prefs';
import { Calculator } from './calculator/Calculator';

export function CalculatorPanel() {
  const open = usePanelsStore((s) => s.calculatorOpen);
  const setOpen = usePanelsStore((s) => s.setCalculatorOpen);
  if (!open) return null;
  return (
    <div className="panel calculator-panel">
      <Calculator
        onSimulate={(scenario) => {
          appController().setSpeed('max');
          appController().openScenario(scenario, { play: true, updateHash: true });
        }}
        onClose={() => setOpen(false)}
      />
    </div>
  );
}
