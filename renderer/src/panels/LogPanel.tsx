import { useEffect, useRef } from 'react';
import { useQuire } from '../components/workbench-context.js';
import { pluginDisplayName } from '../plugin-status/plugin-notifications.js';

/** The plugins' recent log lines, merged by time, newest last. */
export function LogPanel() {
  const plugins = useQuire((state) => state.plugins);
  const lines = plugins
    .flatMap((plugin) => plugin.log.map((line) => ({ ...line, plugin: pluginDisplayName(plugin) })))
    .sort((a, b) => a.at - b.at);
  const list = useRef<HTMLOListElement>(null);
  // Newest last, and kept in view as lines arrive, like a terminal.
  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [lines.length]);
  if (lines.length === 0) return <div className="q-panel-empty" data-testid="log-panel">No plugin has logged anything yet.</div>;
  return (
    <ol ref={list} className="q-log" aria-label="Plugin log" data-testid="log-panel">
      {lines.map((line, index) => (
        <li key={index} className={`q-log-line ${line.level}`}>
          <span className="q-log-time">{new Date(line.at).toLocaleTimeString()}</span>
          <span className="q-log-plugin">{line.plugin}</span>
          <span className="q-log-source">{line.source}</span>
          <span className="q-log-text">{line.text}</span>
        </li>
      ))}
    </ol>
  );
}
