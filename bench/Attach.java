import com.sun.tools.attach.VirtualMachine;

/**
 * Sends one command to async-profiler inside the running engine (what its asprof launcher does):
 * java bench/Attach.java PID LIBRARY "start,event=itimer,interval=1ms" | "stop,file=flame.html"
 */
public class Attach {
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
