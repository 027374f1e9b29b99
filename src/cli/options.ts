import { Option } from 'commander';

export type Format = 'text' | 'json' | 'markdown';

export function formatOption(choices: Format[]): Option {
  return new Option('--format <format>', 'output format').choices(choices).default('text');
}
