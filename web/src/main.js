import Graph from "graphology";
import Sigma from "sigma";
import FA2Layout from "graphology-layout-forceatlas2/worker";
console.log(Graph, Sigma, FA2Layout);
