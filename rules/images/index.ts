// Images: how container images are named and where they come from, and what scanners found in them.

import type { RuleDefinition } from '../../server/src/engine';
import deprecatedRegistry from './deprecated-registry';
import imageDigest from './image-digest';
import imageRegistry from './image-registry';
import imageTag from './image-tag';
import imageVulnerabilities from './image-vulnerabilities';

export const rules: readonly RuleDefinition[] = [imageTag, imageDigest, imageRegistry, deprecatedRegistry, imageVulnerabilities];
